package dev.tollgate.analytics.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.analytics.api.Deleted;
import dev.tollgate.analytics.failover.FailoverEvaluation;
import dev.tollgate.gateway.errors.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/sla}: definitions, health over {@code health_5min} (every instance's calls, as the
 * rollups fold them) and the collector that opens and resolves violations. Windows are whole
 * five-minute buckets ending at the start of the current (incomplete) bucket.
 */
public final class SlaService {
    /** The collector's period and the health buckets' width. */
    public static final int PERIOD_MINUTES = 5;

    static final int MAX_WINDOW_MINUTES = 7 * 24 * 60;
    private static final Set<String> FIELDS = Set.of(
            "name",
            "provider",
            "model_pattern",
            "target_p50_ms",
            "target_p95_ms",
            "target_p99_ms",
            "target_error_rate",
            "target_availability",
            "evaluation_window_minutes");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._:/@+*?\\-]{1,200}");
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9._\\-]{1,100}");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlaService.class);

    private final SlaStore store;
    private final Clock clock;
    private final SlaAlerts alerts;
    private final FailoverEvaluation failovers;

    public SlaService(SlaStore store, Clock clock) {
        this(store, clock, (type, v) -> {});
    }

    public SlaService(SlaStore store, Clock clock, SlaAlerts alerts) {
        this(store, clock, alerts, null);
    }

    /** @param failovers the failover step run after the violations (null: none) */
    public SlaService(SlaStore store, Clock clock, SlaAlerts alerts, FailoverEvaluation failovers) {
        this.store = store;
        this.clock = clock;
        this.alerts = alerts;
        this.failovers = failovers;
    }

    /** Sends one alert about violation {@code id} as it now stands; a failure is logged, never thrown. */
    private void alert(String type, String id) {
        try {
            store.violation(id).ifPresent(v -> alerts.send(type, v));
        } catch (RuntimeException e) {
            LOG.warn("SLA alert {} for violation {} not delivered", type, id, e);
        }
    }

    // ---- definitions

    public Map<String, Object> create(JsonNode body) {
        checkFields(body);
        Instant now = clock.instant();
        SlaDefinition d = parse(UUID.randomUUID().toString(), (ObjectNode) body, now, now);
        store.insert(d);
        return view(d);
    }

    public List<Map<String, Object>> list() {
        return store.definitions().stream().map(SlaService::view).toList();
    }

    public Map<String, Object> get(String id) {
        return view(require(id));
    }

    /** Changes the fields the body names (a null target removes it); the rest stay. */
    public Map<String, Object> update(String id, JsonNode body) {
        checkFields(body);
        SlaDefinition current = require(id);
        Map<String, Object> fields = new LinkedHashMap<>(view(current));
        fields.keySet().retainAll(FIELDS);
        ObjectNode merged = MAPPER.valueToTree(fields);
        merged.setAll((ObjectNode) body);
        SlaDefinition next = parse(id, merged, current.createdAt(), clock.instant());
        store.update(next);
        return view(next);
    }

    public Map<String, Object> delete(String id) {
        require(id);
        store.delete(id);
        return Deleted.answer(id);
    }

    private SlaDefinition require(String id) {
        return store.definition(id)
                .orElseThrow(() -> GatewayException.notFound("no SLA definition with id '" + id + "'"));
    }

    static SlaDefinition parse(String id, ObjectNode body, Instant createdAt, Instant updatedAt) {
        JsonNode name = body.path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw GatewayException.invalidRequest("'name' is required (a non-empty string)", "name");
        }
        JsonNode provider = body.path("provider");
        String providerName = "";
        if (!provider.isMissingNode()
                && !provider.isNull()
                && !(provider.isTextual() && provider.asText().isEmpty())) {
            if (!provider.isTextual() || !PROVIDER.matcher(provider.asText()).matches()) {
                throw GatewayException.invalidRequest(
                        "'provider' must be a provider name (letters, digits, '.', '_', '-'), or absent for any provider",
                        "provider");
            }
            providerName = provider.asText();
        }
        JsonNode pattern = body.path("model_pattern");
        if (!pattern.isTextual() || !GLOB.matcher(pattern.asText()).matches()) {
            throw GatewayException.invalidRequest(
                    "'model_pattern' is required: a glob of model-name characters (letters, digits, . _ : / @ + -)"
                            + " where * matches any run of characters and ? one, e.g. \"gpt-4o*\"",
                    "model_pattern");
        }
        Integer p50 = millis(body, "target_p50_ms");
        Integer p95 = millis(body, "target_p95_ms");
        Integer p99 = millis(body, "target_p99_ms");
        Double errorRate = rate(body, "target_error_rate");
        Double availability = rate(body, "target_availability");
        if (p50 == null && p95 == null && p99 == null && errorRate == null && availability == null) {
            throw GatewayException.invalidRequest(
                    "set at least one target: target_p50_ms, target_p95_ms, target_p99_ms, target_error_rate or"
                            + " target_availability",
                    null);
        }
        if ((p50 != null && p95 != null && p50 > p95)
                || (p95 != null && p99 != null && p95 > p99)
                || (p50 != null && p99 != null && p50 > p99)) {
            throw GatewayException.invalidRequest(
                    "latency targets must not decrease: target_p50_ms <= target_p95_ms <= target_p99_ms",
                    "target_p95_ms");
        }
        JsonNode window = body.path("evaluation_window_minutes");
        int minutes = 15;
        if (!window.isMissingNode() && !window.isNull()) {
            if (!window.isIntegralNumber()) {
                throw GatewayException.invalidRequest(
                        "'evaluation_window_minutes' must be a whole number of minutes", "evaluation_window_minutes");
            }
            minutes = window.asInt();
            if (window.asLong() < PERIOD_MINUTES) {
                throw GatewayException.invalidRequest(
                        "'evaluation_window_minutes' must be at least " + PERIOD_MINUTES
                                + ": the collector runs every " + PERIOD_MINUTES
                                + " minutes over five-minute health buckets",
                        "evaluation_window_minutes");
            }
            if (window.asLong() > MAX_WINDOW_MINUTES || minutes % PERIOD_MINUTES != 0) {
                throw GatewayException.invalidRequest(
                        "'evaluation_window_minutes' must be a multiple of " + PERIOD_MINUTES + " up to "
                                + MAX_WINDOW_MINUTES + " (7 days)",
                        "evaluation_window_minutes");
            }
        }
        return new SlaDefinition(
                id,
                name.asText().trim(),
                providerName,
                pattern.asText(),
                p50,
                p95,
                p99,
                errorRate,
                availability,
                minutes,
                createdAt,
                updatedAt);
    }

    private static Integer millis(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() <= 0 || v.asLong() > 3_600_000) {
            throw GatewayException.invalidRequest(
                    "'" + field + "' must be a whole number of milliseconds above 0 (at most 3600000)", field);
        }
        return v.asInt();
    }

    private static Double rate(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw GatewayException.invalidRequest(
                    "'" + field + "' must be a number from 0 to 1 (a fraction: 0.01 is 1%)", field);
        }
        return v.asDouble();
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

    static Map<String, Object> view(SlaDefinition d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.id());
        v.put("name", d.name());
        v.put("provider", d.provider().isEmpty() ? null : d.provider());
        v.put("model_pattern", d.modelPattern());
        v.put("target_p50_ms", d.targetP50Ms());
        v.put("target_p95_ms", d.targetP95Ms());
        v.put("target_p99_ms", d.targetP99Ms());
        v.put("target_error_rate", d.targetErrorRate());
        v.put("target_availability", d.targetAvailability());
        v.put("evaluation_window_minutes", d.windowMinutes());
        v.put("created_at", d.createdAt().toString());
        v.put("updated_at", d.updatedAt().toString());
        return v;
    }

    // ---- health

    /** The end of the windows at {@code now}: the start of the current, incomplete, bucket. */
    static Instant windowEnd(Instant now) {
        long epochMinute = now.getEpochSecond() / 60;
        return Instant.ofEpochSecond((epochMinute - Math.floorMod(epochMinute, PERIOD_MINUTES)) * 60);
    }

    /**
     * Each provider and model with calls in the last {@code minutes}, and for each definition covering it,
     * its status over the definition's own window.
     */
    public Map<String, Object> health(Integer minutes) {
        int window = minutes == null ? 15 : minutes;
        if (window < PERIOD_MINUTES || window > MAX_WINDOW_MINUTES) {
            throw GatewayException.invalidRequest(
                    "'window_minutes' must be from " + PERIOD_MINUTES + " to " + MAX_WINDOW_MINUTES, "window_minutes");
        }
        Instant end = windowEnd(clock.instant());
        Map<Integer, Map<String, SlaHealth>> windows = new HashMap<>();
        List<SlaDefinition> definitions = store.definitions();
        List<Map<String, Object>> data = new ArrayList<>();
        for (SlaHealth h : healthOver(windows, end, window, true).values()) {
            Map<String, Object> v = h.view();
            // Throughput over the whole window (idle minutes included), for the Models page.
            v.put("requests_per_minute", SlaHealth.round((double) h.requests() / window));
            v.put("tokens_per_minute", SlaHealth.round((double) h.totalTokens() / window));
            List<Map<String, Object>> slas = new ArrayList<>();
            String overall = "no_sla";
            for (SlaDefinition d : definitions) {
                if (!d.covers(h.provider(), h.model())) {
                    continue;
                }
                SlaHealth own =
                        healthOver(windows, end, d.windowMinutes(), true).get(key(h.provider(), h.model()));
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("definition_id", d.id());
                s.put("name", d.name());
                s.put("evaluation_window_minutes", d.windowMinutes());
                List<Map<String, Object>> breaches = own == null ? List.of() : breaches(d, own);
                String status = own == null || own.requests() == 0 ? "no_data" : breaches.isEmpty() ? "ok" : "breached";
                s.put("status", status);
                s.put("breaches", breaches);
                slas.add(s);
                overall = worse(overall, status);
            }
            v.put("status", overall);
            v.put("slas", slas);
            data.add(v);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("window_start", end.minus(Duration.ofMinutes(window)).toString());
        answer.put("window_end", end.toString());
        answer.put("data", data);
        return answer;
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("no_sla", "no_data", "ok", "breached");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    /** @param ttft whether to read the time-to-first-token histograms too (no target uses them) */
    private Map<String, SlaHealth> healthOver(
            Map<Integer, Map<String, SlaHealth>> cache, Instant end, int minutes, boolean ttft) {
        return cache.computeIfAbsent(minutes, m -> {
            Map<String, SlaHealth> byKey = new LinkedHashMap<>();
            for (SlaHealth h : store.health(end.minus(Duration.ofMinutes(m)), end, null, ttft)) {
                byKey.put(key(h.provider(), h.model()), h);
            }
            return byKey;
        });
    }

    private static String key(String provider, String model) {
        return provider + "\u0000" + model;
    }

    private static List<Map<String, Object>> breaches(SlaDefinition d, SlaHealth h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SlaMetric m : SlaMetric.values()) {
            Double target = m.target(d);
            Double observed = m.observed(h);
            if (target != null && observed != null && m.breached(observed, target)) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("metric", m.id());
                b.put("observed", SlaHealth.round(observed));
                b.put("target", target);
                out.add(b);
            }
        }
        return out;
    }

    /** Five-minute series of the last {@code hours} (1–168), per provider and model, for charts. */
    public Map<String, Object> history(Integer hours, String model, String provider) {
        int h = hours == null ? 24 : hours;
        if (h < 1 || h > 168) {
            throw GatewayException.invalidRequest("'hours' must be from 1 to 168", "hours");
        }
        Instant end = windowEnd(clock.instant()).plus(Duration.ofMinutes(PERIOD_MINUTES));
        Instant from = end.minus(Duration.ofHours(h));
        Map<String, Map<String, Object>> series = new LinkedHashMap<>();
        for (SlaStore.Bucket b : store.buckets(from, end, blank(provider), blank(model))) {
            Map<String, Object> s = series.computeIfAbsent(key(b.provider(), b.model()), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("provider", b.provider());
                n.put("model", b.model());
                n.put("points", new ArrayList<Map<String, Object>>());
                return n;
            });
            SlaHealth one = new SlaHealth(b.provider(), b.model());
            SlaStore.fold(one, b);
            Map<String, Object> p = one.view();
            p.remove("provider");
            p.remove("model");
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("bucket_start", b.start().toString());
            point.putAll(p);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) s.get("points");
            points.add(point);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("to", end.toString());
        answer.put("bucket_minutes", PERIOD_MINUTES);
        answer.put("data", new ArrayList<>(series.values()));
        return answer;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- the collector

    /** What one collector run did. */
    public record Run(
            Instant at,
            int definitions,
            int evaluated,
            int opened,
            int stillOpen,
            int resolved,
            FailoverEvaluation.Result failovers) {
        public Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("at", at.toString());
            v.put("definitions", definitions);
            v.put("evaluated", evaluated);
            v.put("opened", opened);
            v.put("still_open", stillOpen);
            v.put("resolved", resolved);
            v.put("failovers", failovers == null ? null : failovers.view());
            return v;
        }
    }

    /** One collector run at the clock's time. */
    public Run collect() {
        return collect(clock.instant());
    }

    /** One collector run at the clock's time, the current bucket included when asked ({@link #collect(Instant, boolean)}). */
    public Run collect(boolean includeCurrentBucket) {
        return collect(clock.instant(), includeCurrentBucket);
    }

    /**
     * One collector run at {@code now}: for each definition, each covered provider and model with calls in
     * its window, and each target it sets: a breach opens a violation unless one is open (then it is only
     * marked still breached); a healthy metric resolves the open violation once the whole window starts at
     * or after the end of the last window that breached. Without calls nothing changes.
     */
    public Run collect(Instant now) {
        return collect(now, false);
    }

    /**
     * {@link #collect(Instant)}, where {@code includeCurrentBucket} (a person's "Check now") also counts the
     * calls of the bucket in progress: the windows end with it instead of before it, so a burst of failures
     * a minute ago opens its violation now rather than when the bucket ends. Failover rules keep to whole
     * buckets.
     */
    public Run collect(Instant now, boolean includeCurrentBucket) {
        Instant complete = windowEnd(now);
        Instant end = includeCurrentBucket ? complete.plus(Duration.ofMinutes(PERIOD_MINUTES)) : complete;
        Map<Integer, Map<String, SlaHealth>> windows = new HashMap<>();
        List<SlaDefinition> definitions = store.definitions();
        int evaluated = 0;
        int opened = 0;
        int stillOpen = 0;
        int resolved = 0;
        // one read of the open violations per run, not one per definition, model and metric
        Map<String, SlaStore.Violation> openNow = store.openByKey();
        for (SlaDefinition d : definitions) {
            Instant start = end.minus(Duration.ofMinutes(d.windowMinutes()));
            for (SlaHealth h :
                    healthOver(windows, end, d.windowMinutes(), false).values()) {
                if (!d.covers(h.provider(), h.model()) || h.requests() == 0) {
                    continue;
                }
                for (SlaMetric m : SlaMetric.values()) {
                    Double target = m.target(d);
                    Double observed = m.observed(h);
                    if (target == null || observed == null) {
                        continue;
                    }
                    evaluated++;
                    var open = java.util.Optional.ofNullable(
                            openNow.get(SlaStore.openKey(d.id(), m.id(), h.provider(), h.model())));
                    String violationId = UUID.randomUUID().toString();
                    if (m.breached(observed, target)) {
                        if (open.isPresent()) {
                            store.stillBreached(open.get().id(), end, observed);
                            stillOpen++;
                        } else if (store.openViolation(new SlaStore.Violation(
                                violationId,
                                d.id(),
                                d.name(),
                                m.id(),
                                h.provider(),
                                h.model(),
                                observed,
                                target,
                                now.truncatedTo(ChronoUnit.MILLIS),
                                end,
                                null,
                                null,
                                null))) {
                            opened++;
                            alert("sla_violation", violationId);
                        }
                    } else if (open.isPresent()) {
                        if (!start.isBefore(open.get().lastBreachedAt())
                                && store.resolve(open.get().id(), now, "collector", observed)) {
                            resolved++;
                            alert("sla_resolved", open.get().id());
                        } else {
                            stillOpen++;
                        }
                    }
                }
            }
        }
        // failover rules read the violations this run left open, and the same health buckets
        FailoverEvaluation.Result failed = failovers == null ? null : failovers.run(now, complete);
        return new Run(now, definitions.size(), evaluated, opened, stillOpen, resolved, failed);
    }

    // ---- violations

    public List<Map<String, Object>> active() {
        return store.active().stream().map(SlaService::view).toList();
    }

    public List<Map<String, Object>> violations(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw GatewayException.invalidRequest("'from' must be before 'to'", "from");
        }
        return store.between(from, to).stream().map(SlaService::view).toList();
    }

    public Map<String, Object> resolve(String id) {
        SlaStore.Violation v = store.violation(id)
                .orElseThrow(() -> GatewayException.notFound("no SLA violation with id '" + id + "'"));
        if (v.resolvedAt() != null) {
            throw new GatewayException(
                    409,
                    "invalid_request_error",
                    "violation '" + id + "' was resolved at " + v.resolvedAt(),
                    null,
                    "already_resolved");
        }
        if (store.resolve(id, clock.instant(), "manual", null)) {
            alert("sla_resolved", id);
        }
        return view(store.violation(id).orElseThrow());
    }

    static Map<String, Object> view(SlaStore.Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("definition_id", v.definitionId());
        m.put("definition_name", v.definitionName());
        m.put("metric", v.metric());
        m.put("provider", v.provider());
        m.put("model", v.model());
        m.put("observed", SlaHealth.round(v.observed()));
        m.put("target", v.target());
        m.put("status", v.resolvedAt() == null ? "open" : "resolved");
        m.put("opened_at", v.openedAt().toString());
        m.put("last_breached_at", v.lastBreachedAt().toString());
        m.put("resolved_at", v.resolvedAt() == null ? null : v.resolvedAt().toString());
        m.put("resolved_by", v.resolvedBy());
        m.put("resolved_observed", SlaHealth.round(v.resolvedObserved()));
        return m;
    }
}
