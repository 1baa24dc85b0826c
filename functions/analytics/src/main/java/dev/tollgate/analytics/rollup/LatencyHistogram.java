package dev.tollgate.analytics.rollup;

import java.util.Map;
import java.util.TreeMap;

/**
 * A sparse log-linear histogram of milliseconds, mergeable by adding counts per bucket (in Java here,
 * in SQL in the health upsert). Values up to {@value #LINEAR_LIMIT} ms have a bucket each (exact);
 * above, bucket {@code b} covers {@code [100·1.02^(b−100), 100·1.02^(b−99))}, so the bucket's geometric
 * middle is within 1% of any value in it and a percentile read from the buckets is within 2% of the
 * exact one (the tests check p50/p95/p99).
 */
public final class LatencyHistogram {
    static final int LINEAR_LIMIT = 100;
    private static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final TreeMap<Integer, Long> counts = new TreeMap<>();

    /** The bucket of a latency ({@code ms} below 0 counts as 0). */
    public static int bucket(long ms) {
        if (ms <= LINEAR_LIMIT) {
            return (int) Math.max(0, ms);
        }
        return LINEAR_LIMIT + 1 + (int) Math.floor(Math.log((double) ms / LINEAR_LIMIT) / LOG_GROWTH);
    }

    /** The value a bucket stands for: its own value when exact, else the geometric middle of its range. */
    public static double value(int bucket) {
        if (bucket <= LINEAR_LIMIT) {
            return bucket;
        }
        double lower = LINEAR_LIMIT * Math.pow(GROWTH, bucket - LINEAR_LIMIT - 1);
        return lower * Math.sqrt(GROWTH);
    }

    /** Counts one latency. */
    public void add(long ms) {
        counts.merge(bucket(ms), 1L, Long::sum);
    }

    /** Adds another histogram's counts. */
    public void addAll(Map<Integer, Long> other) {
        other.forEach((b, n) -> counts.merge(b, n, Long::sum));
    }

    /** How many latencies it holds. */
    public long count() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The bucket counts, by bucket. */
    public Map<Integer, Long> counts() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 100]), or null when empty: the value of the bucket
     * holding the ⌈p/100·n⌉-th smallest latency.
     */
    public Double percentile(double p) {
        long n = count();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return value(e.getKey());
            }
        }
        return value(counts.lastKey());
    }

    /** As stored: {@code {"bucket": count, …}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((b, n) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(b).append("\":").append(n);
        });
        return json.append('}').toString();
    }
}
