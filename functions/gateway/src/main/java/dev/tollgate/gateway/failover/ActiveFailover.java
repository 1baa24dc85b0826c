package dev.tollgate.gateway.failover;

import java.time.Instant;

/**
 * One failover the SLA collector has switched on: calls for {@code primaryModel} go to {@code fallbackModel}
 * by rule {@code ruleId}; {@code until} is the end of its cooldown, when the collector decides again (ends it
 * if the primary is healthy, else extends it).
 */
public record ActiveFailover(String ruleId, String primaryModel, String fallbackModel, Instant until) {}
