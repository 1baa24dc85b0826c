package dev.tollgate.analytics.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.analytics.api.Deleted;
import dev.tollgate.gateway.admin.EntityBudgets;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/budgets}: a budget is a row here (name, percentages, alert address) plus the limits it
 * writes onto the entity's DynamoDB record through {@link EntityBudgets} (what the gateway enforces; for
 * {@code entity_type: global}, the global budget item the proxy reads, in place of tollgate.yml's value).
 * The record is written first: a budget the gateway would not enforce is never listed.
 */
public final class BudgetService {
    private static final Set<String> FIELDS = Set.of(
            "name",
            "entity_type",
            "entity_id",
            "monthly_limit",
            "soft_limit_percent",
            "hard_limit_percent",
            "alert_email");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BudgetRepository repository;
    private final EntityBudgets entities;
    private final AlertSubscriptions subscriptions;
    private final Clock clock;

    public BudgetService(
            BudgetRepository repository, EntityBudgets entities, AlertSubscriptions subscriptions, Clock clock) {
        this.repository = repository;
        this.entities = entities;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public Map<String, Object> create(JsonNode body) {
        checkFields(body);
        String type = text(body, "entity_type", true).toLowerCase(java.util.Locale.ROOT);
        EntityBudgets.Type entityType = EntityBudgets.Type.parse(type);
        String entityId = entityType == EntityBudgets.Type.GLOBAL ? globalId(body) : text(body, "entity_id", true);
        if (repository.findByEntityTypeAndEntityId(type, entityId).isPresent()) {
            throw new GatewayException(
                    409,
                    "invalid_request_error",
                    "a budget for " + type + " '" + entityId + "' exists; change it with PUT /api/v1/budgets/{id}",
                    "entity_id",
                    "already_exists");
        }
        var now = clock.instant();
        Budget budget = new Budget(
                UUID.randomUUID().toString(),
                text(body, "name", true),
                type,
                entityId,
                money(body, "monthly_limit", null),
                percent(body, "soft_limit_percent", BigDecimal.valueOf(80)),
                percent(body, "hard_limit_percent", HUNDRED),
                email(body, null),
                now,
                now);
        entities.setMonthly(entityType, entityId, budget.hardLimit(), budget.softLimit());
        repository.save(budget);
        if (budget.alertEmail() != null) {
            subscriptions.subscribe(budget.alertEmail(), type, entities.alertScopeId(entityType, entityId));
        }
        return view(budget);
    }

    /** A page of the list, and the number of budgets. */
    public record Page(List<Map<String, Object>> items, long total) {}

    /**
     * {@code GET /api/v1/budgets}: page {@code page} (from 1) of {@code pageSize} budgets by name (then id, so that
     * pages never overlap), and the number of budgets: two SQL statements, then the page's entities only are read
     * from DynamoDB ({@link EntityBudgets#enforced(List)}: one read per record, one ledger read for the page).
     */
    public Page list(int page, int pageSize) {
        var found = repository.findAll(
                Pageable.from(page - 1, pageSize, Sort.of(Sort.Order.asc("name"), Sort.Order.asc("id"))));
        return new Page(views(found.getContent()), found.getTotalSize());
    }

    public Map<String, Object> get(String id) {
        return view(require(id));
    }

    public Map<String, Object> update(String id, JsonNode body) {
        checkFields(body);
        Budget current = require(id);
        for (String fixed : List.of("entity_type", "entity_id")) {
            if (body.has(fixed)
                    && !body.path(fixed)
                            .asText()
                            .equals(fixed.equals("entity_type") ? current.entityType() : current.entityId())) {
                throw GatewayException.invalidRequest(
                        "'" + fixed + "' cannot change; delete this budget and create another", fixed);
            }
        }
        Budget next = new Budget(
                current.id(),
                body.has("name") ? text(body, "name", true) : current.name(),
                current.entityType(),
                current.entityId(),
                money(body, "monthly_limit", current.monthlyLimit()),
                percent(body, "soft_limit_percent", current.softLimitPercent()),
                percent(body, "hard_limit_percent", current.hardLimitPercent()),
                body.has("alert_email") ? email(body, null) : current.alertEmail(),
                current.createdAt(),
                clock.instant());
        entities.setMonthly(
                EntityBudgets.Type.parse(next.entityType()), next.entityId(), next.hardLimit(), next.softLimit());
        repository.update(next);
        if (next.alertEmail() != null && !next.alertEmail().equals(current.alertEmail())) {
            subscriptions.subscribe(
                    next.alertEmail(),
                    next.entityType(),
                    entities.alertScopeId(EntityBudgets.Type.parse(next.entityType()), next.entityId()));
        }
        return view(next);
    }

    public Map<String, Object> delete(String id) {
        Budget budget = require(id);
        try {
            entities.setMonthly(EntityBudgets.Type.parse(budget.entityType()), budget.entityId(), null, null);
        } catch (GatewayException e) {
            if (e.status() != 404) {
                throw e; // an entity deleted since: nothing left to clear
            }
        }
        repository.deleteById(id);
        return Deleted.answer(id);
    }

    /**
     * The budget as the gateway enforces it now. The limits are read from the entity's record (the global budget's
     * item), not from the row: the admin API ({@code /team/update max_budget}, {@code /key/update} …) may have changed
     * them since this budget wrote them. Then {@code changed_elsewhere} is true and the monthly limit and soft percent
     * shown are those the enforced limits imply at this budget's hard percent; a record with no calendar-month hard
     * limit any more shows none, with status {@code not_enforced}.
     */
    private Map<String, Object> view(Budget b) {
        return views(List.of(b)).get(0);
    }

    /** {@link #view} of each budget, their entities read together. */
    private List<Map<String, Object>> views(List<Budget> budgets) {
        List<EntityBudgets.Enforced> enforced = entities.enforced(budgets.stream()
                .map(b -> new EntityBudgets.Entity(EntityBudgets.Type.parse(b.entityType()), b.entityId()))
                .toList());
        List<Map<String, Object>> out = new java.util.ArrayList<>(budgets.size());
        for (int i = 0; i < budgets.size(); i++) {
            out.add(view(budgets.get(i), enforced.get(i)));
        }
        return out;
    }

    /** The view of {@code b} given what its entity enforces (null: the entity was deleted). */
    private static Map<String, Object> view(Budget b, EntityBudgets.Enforced enforced) {
        BigDecimal spend = enforced == null ? null : enforced.spend();
        BigDecimal hard = enforced == null ? b.hardLimit() : enforced.hardLimit();
        // an end user's record has no soft budget (nothing alerts on one): a customer budget's soft limit is its own
        boolean customer = EntityBudgets.Type.parse(b.entityType()) == EntityBudgets.Type.CUSTOMER;
        BigDecimal soft = enforced == null || customer ? b.softLimit() : enforced.softLimit();
        boolean changed = enforced != null && !(same(hard, b.hardLimit()) && same(soft, b.softLimit()));
        BigDecimal monthly = !changed ? b.monthlyLimit() : hard == null ? null : implied(hard, b.hardLimitPercent());
        BigDecimal softPercent;
        if (!changed) {
            softPercent = b.softLimitPercent();
        } else if (soft == null || monthly == null || monthly.signum() == 0) {
            softPercent = null;
        } else {
            softPercent = soft.multiply(HUNDRED).divide(monthly, 6, RoundingMode.HALF_EVEN);
        }
        BigDecimal utilisation = spend == null || monthly == null || monthly.signum() == 0
                ? null
                : spend.multiply(HUNDRED).divide(monthly, 2, RoundingMode.HALF_EVEN);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", b.id());
        v.put("name", b.name());
        v.put("entity_type", b.entityType());
        v.put("entity_id", b.entityId());
        v.put("monthly_limit", monthly == null ? null : monthly.stripTrailingZeros());
        v.put("soft_limit_percent", softPercent == null ? null : softPercent.stripTrailingZeros());
        v.put("hard_limit_percent", b.hardLimitPercent().stripTrailingZeros());
        v.put("soft_limit", soft);
        v.put("hard_limit", hard);
        v.put("alert_email", b.alertEmail());
        v.put("current_spend", spend);
        v.put("limit", hard);
        v.put("utilisation_percent", utilisation);
        v.put("status", status(spend, hard, soft));
        v.put("changed_elsewhere", changed);
        v.put("created_at", b.createdAt().toString());
        v.put("updated_at", b.updatedAt().toString());
        return v;
    }

    /** The monthly limit a hard limit implies at {@code hardPercent}: {@code hard × 100 / hardPercent}. */
    private static BigDecimal implied(BigDecimal hard, BigDecimal hardPercent) {
        return hard.multiply(HUNDRED)
                .divide(hardPercent, 12, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /**
     * ok below the soft limit, warning from it, critical from the hard limit; unknown when the entity is gone,
     * not_enforced when it has no calendar-month hard limit any more.
     */
    static String status(BigDecimal spend, BigDecimal hard, BigDecimal soft) {
        if (spend == null) {
            return "unknown";
        }
        if (hard == null) {
            return "not_enforced";
        }
        if (spend.compareTo(hard) >= 0) {
            return "critical";
        }
        return soft != null && spend.compareTo(soft) >= 0 ? "warning" : "ok";
    }

    private Budget require(String id) {
        return repository.findById(id).orElseThrow(() -> GatewayException.notFound("no budget with id '" + id + "'"));
    }

    private static void checkFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalidRequest("the body must be a JSON object", null);
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw GatewayException.invalidRequest("unknown field '" + f + "'", f);
            }
        });
    }

    /** The global budget's id is {@code global} (entity_id may be left out). */
    private static String globalId(JsonNode body) {
        String id = text(body, "entity_id", false);
        if (id != null && !id.equals("global")) {
            throw GatewayException.invalidRequest(
                    "the global budget's 'entity_id' is 'global' (or leave it out), got '" + id + "'", "entity_id");
        }
        return "global";
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            if (required) {
                throw GatewayException.invalidRequest("'" + field + "' is required (a non-empty string)", field);
            }
            return null;
        }
        return v.asText().trim();
    }

    private static BigDecimal money(JsonNode body, String field, BigDecimal fallback) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() && fallback != null) {
            return fallback;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw GatewayException.invalidRequest("'" + field + "' must be a number >= 0 (USD)", field);
        }
        return v.decimalValue();
    }

    private static BigDecimal percent(JsonNode body, String field, BigDecimal fallback) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()
                || v.decimalValue().signum() <= 0
                || v.decimalValue().compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw GatewayException.invalidRequest("'" + field + "' must be a number above 0 and at most 1000", field);
        }
        return v.decimalValue();
    }

    private static String email(JsonNode body, String fallback) {
        JsonNode v = body.path("alert_email");
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || !v.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw GatewayException.invalidRequest("'alert_email' must be an e-mail address", "alert_email");
        }
        return v.asText();
    }
}
