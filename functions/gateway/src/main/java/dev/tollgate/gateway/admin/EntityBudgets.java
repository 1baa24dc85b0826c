package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    private final IdentityStore store;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final List<BudgetLimit> configuredGlobal;

    EntityBudgets(
            KeyService keys,
            UserService users,
            TeamService teams,
            CustomerService customers,
            TagService tags,
            GlobalBudgets global,
            IdentityStore store,
            BudgetLedger ledger,
            Clock clock,
            GatewayConfig config) {
        this.configuredGlobal =
                BudgetLimits.forConfiguredGlobal(config.settings().budgetsOrDefault());
        this.keys = keys;
        this.users = users;
        this.teams = teams;
        this.customers = customers;
        this.tags = tags;
        this.global = global;
        this.store = store;
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

    /** An entity a budget is set on: its type and id (a key's secret or hash, as given). */
    public record Entity(Type type, String id) {}

    /**
     * The {@link Enforced} limits of each entity, in the same order; null for one that does not exist. The same
     * values as the info endpoints ({@code /team/info} & co.) give, read as cheaply as the store allows: one
     * strongly consistent read of each entity's record (a key regenerated in its grace period: two), one read of
     * the global budget's item when a global entity is asked for, and ONE ledger read ({@code BatchGetItem}, up to
     * 100 counters a request) for every entity's spend counter, which is the counter of its first limit (that of
     * {@code max_budget}; none, spend 0, when the record has no budget). The info endpoints' extra reads (the
     * team's or user's keys, the user's teams, the other windows' and the models' counters) are not made.
     */
    public List<Enforced> enforced(List<Entity> entities) {
        Instant now = clock.instant();
        Enforced[] out = new Enforced[entities.size()];
        Viewed[] records = new Viewed[entities.size()];
        int[] counter = new int[entities.size()];
        Arrays.fill(counter, -1);
        List<BudgetLimit> counters = new ArrayList<>();
        Optional<GlobalBudgets.Monthly> runtime = null;
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            List<BudgetLimit> limits;
            if (e.type() == Type.GLOBAL) {
                if (runtime == null) {
                    runtime = global.current();
                }
                limits = List.of(BudgetLimit.uncapped(Scope.GLOBAL, "global", BudgetWindow.MONTH));
            } else {
                Optional<Viewed> viewed = view(e, now);
                if (viewed.isEmpty()) {
                    continue; // absent: null
                }
                records[i] = viewed.get();
                limits = viewed.get().limits();
            }
            if (!limits.isEmpty()) {
                counter[i] = counters.size();
                counters.add(limits.get(0));
            }
        }
        List<CounterState> states = counters.isEmpty() ? List.of() : ledger.read(counters, now);
        for (int i = 0; i < entities.size(); i++) {
            BigDecimal spend =
                    counter[i] < 0 ? BigDecimal.ZERO : states.get(counter[i]).actual();
            if (entities.get(i).type() == Type.GLOBAL) {
                // the month's hard limit as the proxy enforces it: tollgate.yml's 1mo budget unless one was set at
                // runtime (BudgetLimits.forGlobal); the soft alert is the runtime value's (tollgate.yml has none)
                BigDecimal hard = BudgetLimits.forGlobal(configuredGlobal, runtime).stream()
                        .filter(l -> l.window() == BudgetWindow.MONTH)
                        .map(BudgetLimit::limit)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                out[i] = new Enforced(
                        spend,
                        hard,
                        runtime.map(GlobalBudgets.Monthly::softLimit).orElse(null));
            } else if (records[i] != null) {
                out[i] = new Enforced(spend, records[i].monthlyHard(), records[i].soft());
            }
        }
        return Arrays.asList(out);
    }

    /**
     * What an entity's record enforces: its {@code max_budget} when its window is the calendar month (else null), its
     * {@code soft_budget} (an end user has none), and its hard limits, the {@code max_budget}'s first.
     */
    private record Viewed(BigDecimal monthlyHard, BigDecimal soft, List<BudgetLimit> limits) {
        Viewed(BigDecimal max, String duration, BigDecimal soft, List<BudgetLimit> limits) {
            this(max != null && monthly(duration) ? max : null, soft, limits);
        }
    }

    private Optional<Viewed> view(Entity e, Instant now) {
        return switch (e.type()) {
            case KEY ->
                Lookups.key(store, e.id(), now)
                        .map(k ->
                                new Viewed(k.maxBudget(), k.budgetDuration(), k.softBudget(), BudgetLimits.forKey(k)));
            case USER ->
                store.user(e.id())
                        .map(u ->
                                new Viewed(u.maxBudget(), u.budgetDuration(), u.softBudget(), BudgetLimits.forUser(u)));
            case TEAM ->
                store.team(e.id())
                        .map(t ->
                                new Viewed(t.maxBudget(), t.budgetDuration(), t.softBudget(), BudgetLimits.forTeam(t)));
            case CUSTOMER ->
                store.endUser(e.id())
                        .map(c -> new Viewed(c.maxBudget(), c.budgetDuration(), null, BudgetLimits.forEndUser(c)));
            case TAG ->
                store.tag(e.id())
                        .map(t ->
                                new Viewed(t.maxBudget(), t.budgetDuration(), t.softBudget(), BudgetLimits.forTag(t)));
            case GLOBAL -> throw new IllegalStateException();
        };
    }

    private static boolean monthly(String duration) {
        try {
            return duration != null && BudgetWindow.parse(duration) == BudgetWindow.MONTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
