package dev.tollgate.analytics.sla;

/** The metrics a definition can target, and how each is read from health and judged. */
public enum SlaMetric {
    LATENCY_P50("latency_p50_ms"),
    LATENCY_P95("latency_p95_ms"),
    LATENCY_P99("latency_p99_ms"),
    ERROR_RATE("error_rate"),
    AVAILABILITY("availability");

    private final String id;

    SlaMetric(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The definition's target for this metric, or null when it sets none. */
    Double target(SlaDefinition d) {
        return switch (this) {
            case LATENCY_P50 -> d.targetP50Ms() == null ? null : d.targetP50Ms().doubleValue();
            case LATENCY_P95 -> d.targetP95Ms() == null ? null : d.targetP95Ms().doubleValue();
            case LATENCY_P99 -> d.targetP99Ms() == null ? null : d.targetP99Ms().doubleValue();
            case ERROR_RATE -> d.targetErrorRate();
            case AVAILABILITY -> d.targetAvailability();
        };
    }

    /** The observed value, or null when the window has no calls to judge. */
    Double observed(SlaHealth h) {
        return switch (this) {
            case LATENCY_P50 -> h.latency().percentile(50);
            case LATENCY_P95 -> h.latency().percentile(95);
            case LATENCY_P99 -> h.latency().percentile(99);
            case ERROR_RATE -> h.errorRate();
            case AVAILABILITY -> h.availability();
        };
    }

    /** Availability must stay at or above its target; every other metric at or below. */
    boolean breached(double observed, double target) {
        return this == AVAILABILITY ? observed < target : observed > target;
    }
}
