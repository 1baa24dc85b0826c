package dev.tollgate.analytics.rollup;

import java.time.Instant;

/** One {@code health_5min} row: the five-minute bucket (UTC, aligned) × provider × model. */
public record HealthKey(Instant bucketStart, String provider, String model) {}
