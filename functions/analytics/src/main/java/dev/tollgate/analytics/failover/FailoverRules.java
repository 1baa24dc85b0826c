package dev.tollgate.analytics.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.analytics.api.Deleted;
import dev.tollgate.gateway.errors.GatewayException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/sla/failover-rules}: create, read, change and delete rules. A rule must name two different
 * models the gateway serves, and must not close a cycle with the other rules (a → b, b → a), so a failed-over
 * call always ends on a model that is not itself failed over to the one it came from.
 */
public final class FailoverRules {
    static final int MIN_COOLDOWN = 5;
    static final int MAX_COOLDOWN = 7 * 24 * 60;
    static final int DEFAULT_COOLDOWN = 15;
    private static final Set<String> FIELDS =
            Set.of("primary_model", "fallback_model", "trigger_condition", "trigger_threshold", "cooldown_minutes");

    private final FailoverStore store;
    private final KnownModels models;
    private final Clock clock;

    public FailoverRules(FailoverStore store, KnownModels models, Clock clock) {
        this.store = store;
        this.models = models;
        this.clock = clock;
    }

    public Map<String, Object> create(JsonNode body) {
        ObjectNode fields = checkFields(body);
        Instant now = clock.instant();
        FailoverRule rule = parse(UUID.randomUUID().toString(), fields, now, now);
        checkNoCycle(rule);
        store.insert(rule);
        return view(rule);
    }

    public List<Map<String, Object>> list() {
        return store.rules().stream().map(FailoverRules::view).toList();
    }

    public Map<String, Object> get(String id) {
        return view(require(id));
    }

    /** Changes the fields the body names; the rest stay. An active rule stays active until its cooldown ends. */
    public Map<String, Object> update(String id, JsonNode body) {
        ObjectNode fields = checkFields(body);
        FailoverRule current = require(id);
        ObjectNode merged = fields.objectNode();
        merged.put("primary_model", current.primaryModel());
        merged.put("fallback_model", current.fallbackModel());
        merged.put("trigger_condition", current.condition().id());
        if (current.threshold() != null) {
            merged.put("trigger_threshold", current.threshold());
        }
        merged.put("cooldown_minutes", current.cooldownMinutes());
        if (fields.has("trigger_condition") && !fields.has("trigger_threshold")) {
            merged.remove("trigger_threshold"); // a new condition needs its own threshold
        }
        merged.setAll(fields);
        FailoverRule next = parse(id, merged, current.createdAt(), clock.instant())
                .activeFor(current.activeSince(), current.activeUntil());
        checkNoCycle(next);
        store.update(next);
        return view(next);
    }

    /** Deletes the rule; an active one stops at the collector's next run (which republishes the active set). */
    public Map<String, Object> delete(String id) {
        require(id);
        store.delete(id);
        return Deleted.answer(id);
    }

    private FailoverRule require(String id) {
        return store.rule(id).orElseThrow(() -> GatewayException.notFound("no failover rule with id '" + id + "'"));
    }

    FailoverRule parse(String id, ObjectNode body, Instant createdAt, Instant updatedAt) {
        Collection<String> known = models.names();
        String primary = model(body, "primary_model", known);
        String fallback = model(body, "fallback_model", known);
        if (primary.equals(fallback)) {
            throw GatewayException.invalidRequest(
                    "'fallback_model' must differ from 'primary_model'", "fallback_model");
        }
        JsonNode condition = body.path("trigger_condition");
        if (!condition.isTextual()) {
            throw GatewayException.invalidRequest(
                    "'trigger_condition' is required: error_rate, latency_p95, availability or sla_violation",
                    "trigger_condition");
        }
        FailoverTrigger trigger = FailoverTrigger.of(condition.asText());
        JsonNode threshold = body.path("trigger_threshold");
        if (!threshold.isMissingNode() && !threshold.isNull() && !threshold.isNumber()) {
            throw GatewayException.invalidRequest("'trigger_threshold' must be a number", "trigger_threshold");
        }
        Double given = threshold.isNumber() ? threshold.asDouble() : null;
        JsonNode cooldown = body.path("cooldown_minutes");
        int minutes = DEFAULT_COOLDOWN;
        if (!cooldown.isMissingNode() && !cooldown.isNull()) {
            if (!cooldown.isIntegralNumber() || cooldown.asLong() < MIN_COOLDOWN || cooldown.asLong() > MAX_COOLDOWN) {
                throw GatewayException.invalidRequest(
                        "'cooldown_minutes' must be a whole number from " + MIN_COOLDOWN + " (the collector's period)"
                                + " to " + MAX_COOLDOWN + " (7 days)",
                        "cooldown_minutes");
            }
            minutes = cooldown.asInt();
        }
        return new FailoverRule(
                id,
                primary,
                fallback,
                trigger,
                trigger.threshold(given),
                minutes,
                createdAt,
                updatedAt,
                null,
                null,
                null);
    }

    private static String model(ObjectNode body, String field, Collection<String> known) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw GatewayException.invalidRequest(
                    "'" + field + "' is required (a model name from GET /v1/models)", field);
        }
        if (!known.contains(v.asText())) {
            throw GatewayException.invalidRequest(
                    "'" + field + "': the model '" + v.asText() + "' does not exist on this gateway (GET /v1/models"
                            + " lists them: "
                            + String.join(
                                    ", ", known.stream().sorted().limit(20).toList()) + ")",
                    field);
        }
        return v.asText();
    }

    /** Refuses a rule whose fallback leads back, through the other rules, to its primary. */
    private void checkNoCycle(FailoverRule rule) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (FailoverRule r : store.rules()) {
            if (!r.id().equals(rule.id())) {
                edges.computeIfAbsent(r.primaryModel(), k -> new ArrayList<>()).add(r.fallbackModel());
            }
        }
        List<String> path = pathTo(edges, rule.fallbackModel(), rule.primaryModel(), new ArrayList<>());
        if (path != null) {
            throw GatewayException.invalidRequest(
                    "this rule would make a failover cycle: " + rule.primaryModel() + " → " + String.join(" → ", path)
                            + "; a fallback must not fail over, directly or through other rules, to its primary",
                    "fallback_model");
        }
    }

    /** A path of rules from {@code from} to {@code to} (both included), or null. */
    private static List<String> pathTo(Map<String, List<String>> edges, String from, String to, List<String> seen) {
        if (seen.contains(from)) {
            return null;
        }
        seen.add(from);
        if (from.equals(to)) {
            return new ArrayList<>(List.of(from));
        }
        for (String next : edges.getOrDefault(from, List.of())) {
            List<String> rest = pathTo(edges, next, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    private static ObjectNode checkFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalidRequest("the body must be a JSON object", null);
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw GatewayException.invalidRequest("unknown field '" + f + "'", f);
            }
        });
        return (ObjectNode) body;
    }

    static Map<String, Object> view(FailoverRule r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("primary_model", r.primaryModel());
        v.put("fallback_model", r.fallbackModel());
        v.put("trigger_condition", r.condition().id());
        v.put("trigger_threshold", r.threshold());
        v.put("cooldown_minutes", r.cooldownMinutes());
        v.put("status", r.active() ? "active" : "inactive");
        v.put("active_since", r.activeSince() == null ? null : r.activeSince().toString());
        v.put("active_until", r.activeUntil() == null ? null : r.activeUntil().toString());
        v.put("last_ended_at", r.endedAt() == null ? null : r.endedAt().toString());
        v.put("created_at", r.createdAt().toString());
        v.put("updated_at", r.updatedAt().toString());
        return v;
    }
}
