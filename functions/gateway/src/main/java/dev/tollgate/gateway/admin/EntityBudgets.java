package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Writes a calendar-month budget onto an entity's own record (key, user, team, end user or tag) through
 * the same admin services as {@code /team/update} & co., so a budget set by the control plane's
 * {@code /api/v1/budgets} is exactly what the ledger enforces: one system. Sets {@code max_budget} (the
 * hard limit), {@code budget_duration: 1mo} and {@code soft_budget} (the alert; end users have none).
 */
@Singleton
@Requires(beans = IdentityStore.class)
public class EntityBudgets {
    private final KeyService keys;
    private final UserService users;
    private final TeamService teams;
    private final CustomerService customers;
    private final TagService tags;
    private final GlobalBudgets global;
    private final BudgetLedger ledger;
    private final Clock clock;

    EntityBudgets(
            KeyService keys,
            UserService users,
            TeamService teams,
            CustomerService customers,
            TagService tags,
            GlobalBudgets global,
            BudgetLedger ledger,
            Clock clock) {
        this.keys = keys;
        this.users = users;
        this.teams = teams;
        this.customers = customers;
        this.tags = tags;
        this.global = global;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The entity types a budget can be set on. */
    public enum Type {
        KEY("key"),
        USER("user_id"),
        TEAM("team_id"),
        CUSTOMER("user_id"),
        TAG("name"),
        /** The whole gateway: its one id is {@code global}; the limits go to {@link GlobalBudgets}. */
        GLOBAL(null);

        final String idField;

        Type(String idField) {
            this.idField = idField;
        }

        /** {@code team}, {@code user}, {@code key}, {@code customer} or {@code tag}. */
        public static Type parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw FieldType.invalid("entity_type", "must be team, user, key, customer, tag or global");
            }
        }
    }

    /** Sets the global monthly hard limit and soft alert; {@link #clearGlobal()} hands back to tollgate.yml. */
    private void setGlobal(BigDecimal hard, BigDecimal soft) {
        global.set(new GlobalBudgets.Monthly(hard, soft));
    }

    /** Removes the runtime global budget: tollgate.yml's {@code settings.budgets.global} applies again. */
    private void clearGlobal() {
        global.clear();
    }

    /** Sets the entity's monthly hard limit and soft alert (null clears each); 404 when it does not exist. */
    public void setMonthly(Type type, String id, BigDecimal hard, BigDecimal soft) {
        switch (type) {
            case GLOBAL -> {
                if (hard == null && soft == null) {
                    clearGlobal();
                } else {
                    setGlobal(hard, soft);
                }
            }
            case KEY -> keys.update(monthlyBody(type, id, hard, soft));
            case USER -> users.update(monthlyBody(type, id, hard, soft));
            case TEAM -> teams.update(monthlyBody(type, id, hard, soft));
            case CUSTOMER -> customers.update(monthlyBody(type, id, hard, soft));
            case TAG -> tags.update(monthlyBody(type, id, hard, soft));
        }
    }

    /** The update body that sets an entity's monthly budget (a customer has no soft budget). */
    private static AdminBody monthlyBody(Type type, String id, BigDecimal hard, BigDecimal soft) {
        ObjectNode body = IdentityJson.object().put(type.idField, id);
        body.put("max_budget", hard);
        body.put("budget_duration", hard == null ? null : "1mo");
        if (type != Type.CUSTOMER) {
            body.put("soft_budget", soft);
        }
        return new AdminBody(body);
    }

    /** The id the entity's alerts carry as {@code scope_id}: a key's stable key id, else the entity id. */
    public String alertScopeId(Type type, String id) {
        return type == Type.KEY ? keys.keyId(id) : id;
    }

    /**
     * What the gateway enforces on an entity now: the settled spend in its {@code max_budget} window (this month, for
     * a budget set here), and its calendar-month hard limit and soft alert, null when it has none (no
     * {@code max_budget}, or one in another window: changed through the admin API since this budget set it).
     */
    public record Enforced(BigDecimal spend, BigDecimal hardLimit, BigDecimal softLimit) {}

    /** The entity's {@link Enforced} limits, read from its record (the global budget's item); 404 when absent. */
    public Enforced enforced(Type type, String id) {
        if (type == Type.GLOBAL) {
            BudgetLimit month = BudgetLimit.uncapped(Scope.GLOBAL, "global", BudgetWindow.MONTH);
            BigDecimal spend =
                    ledger.read(List.of(month), clock.instant()).get(0).actual();
            GlobalBudgets.Monthly runtime = global.current().orElse(new GlobalBudgets.Monthly(null, null));
            return new Enforced(spend, runtime.hardLimit(), runtime.softLimit());
        }
        JsonNode record = recordOf(
                switch (type) {
                    case KEY -> keys.info(id).path("info");
                    case USER -> users.info(id).path("user_info");
                    case TEAM -> teams.info(id).path("team_info");
                    case CUSTOMER -> customers.info(id);
                    case TAG -> tags.info(id);
                    case GLOBAL -> throw new IllegalStateException();
                });
        JsonNode spend = record.path("spend");
        boolean monthly = record.path("max_budget").isNumber() && monthly(record.path("budget_duration"));
        return new Enforced(
                spend.isNumber() ? spend.decimalValue() : BigDecimal.ZERO,
                monthly ? record.path("max_budget").decimalValue() : null,
                record.path("soft_budget").isNumber()
                        ? record.path("soft_budget").decimalValue()
                        : null);
    }

    /** Settled spend in the entity's {@code max_budget} window (this month, for a budget set here); 404 when absent. */
    public BigDecimal spend(Type type, String id) {
        return enforced(type, id).spend();
    }

    /** The record within an entity's info (a tag's sits under {@code tag}). */
    private static JsonNode recordOf(JsonNode info) {
        return !info.has("spend") && info.has("tag") ? info.path("tag") : info;
    }

    private static boolean monthly(JsonNode duration) {
        try {
            return duration.isTextual() && BudgetWindow.parse(duration.asText()) == BudgetWindow.MONTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
