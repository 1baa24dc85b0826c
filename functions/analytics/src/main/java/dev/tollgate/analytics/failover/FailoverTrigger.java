package dev.tollgate.analytics.failover;

import dev.tollgate.gateway.errors.GatewayException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What makes a failover rule fire, judged on the primary model's health over the collector's window:
 * its error rate above the threshold (0–1), its p95 latency above the threshold (ms), its availability
 * below the threshold (0–1), or an open SLA violation on it (no threshold).
 */
public enum FailoverTrigger {
    ERROR_RATE,
    LATENCY_P95,
    AVAILABILITY,
    SLA_VIOLATION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailoverTrigger of(String id) {
        return Arrays.stream(values())
                .filter(t -> t.id().equals(id))
                .findFirst()
                .orElseThrow(() -> GatewayException.invalidRequest(
                        "'trigger_condition' must be one of error_rate, latency_p95, availability, sla_violation",
                        "trigger_condition"));
    }

    /** The threshold as given, checked; null for {@link #SLA_VIOLATION}. */
    Double threshold(Double given) {
        if (this == SLA_VIOLATION) {
            if (given != null) {
                throw GatewayException.invalidRequest(
                        "'trigger_threshold' does not apply to sla_violation (the SLA definition's targets decide)",
                        "trigger_threshold");
            }
            return null;
        }
        if (given == null) {
            throw GatewayException.invalidRequest("'trigger_threshold' is required for " + id(), "trigger_threshold");
        }
        if (this == LATENCY_P95 && (given <= 0 || given > 3_600_000)) {
            throw GatewayException.invalidRequest(
                    "'trigger_threshold' for latency_p95 is in milliseconds, above 0 (at most 3600000)",
                    "trigger_threshold");
        }
        if (this != LATENCY_P95 && (given < 0 || given > 1)) {
            throw GatewayException.invalidRequest(
                    "'trigger_threshold' for " + id() + " must be from 0 to 1 (a fraction: 0.05 is 5%)",
                    "trigger_threshold");
        }
        return given;
    }

    /**
     * Whether a metric condition holds: {@code observed} is the metric over the window (null without calls, which
     * never fires). {@link #SLA_VIOLATION} has no metric: the evaluation asks whether a violation is open instead.
     */
    boolean holds(Double observed, Double threshold) {
        return switch (this) {
            case SLA_VIOLATION -> false;
            case AVAILABILITY -> observed != null && observed < threshold;
            case ERROR_RATE, LATENCY_P95 -> observed != null && observed > threshold;
        };
    }
}
