package dev.tollgate.analytics.rollup;

import java.util.Map;

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

    /** Counts by bucket; grown as needed (a 1-hour latency is bucket ~630). */
    private long[] counts = new long[256];

    private long total;

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
        add(bucket(ms), 1);
    }

    private void add(int bucket, long n) {
        if (bucket < 0) {
            throw new IllegalArgumentException("negative histogram bucket " + bucket);
        }
        if (bucket >= counts.length) {
            counts = java.util.Arrays.copyOf(counts, Math.max(bucket + 1, counts.length * 2));
        }
        counts[bucket] += n;
        total += n;
    }

    /** Adds another histogram's counts. */
    public void addAll(Map<Integer, Long> other) {
        other.forEach((b, n) -> add(b, n));
    }

    /**
     * Adds the counts of a histogram as stored ({@link #toJson()}: {@code {"bucket": count, …}}), parsed in
     * place: the SLA collector folds thousands of rows per run, and a JSON tree per row was most of its time.
     */
    public void addJson(CharSequence json) {
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            long bucket = 0;
            while (i < n && (c = json.charAt(i)) >= '0' && c <= '9') {
                bucket = bucket * 10 + (c - '0');
                i++;
            }
            while (i < n && ((c = json.charAt(i)) < '0' || c > '9')) {
                i++; // the closing quote and the colon
            }
            long count = 0;
            while (i < n && (c = json.charAt(i)) >= '0' && c <= '9') {
                count = count * 10 + (c - '0');
                i++;
            }
            add((int) bucket, count);
        }
    }

    /** How many latencies it holds. */
    public long count() {
        return total;
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
        int last = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                seen += counts[b];
                last = b;
                if (seen >= rank) {
                    return value(b);
                }
            }
        }
        return value(last);
    }

    /** As stored: {@code {"bucket": count, …}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(b).append("\":").append(counts[b]);
            }
        }
        return json.append('}').toString();
    }
}
