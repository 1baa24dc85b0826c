package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;

/**
 * The measures of one {@code health_5min} row. Error classes: {@code timeout} (504),
 * {@code connection} (502: the upstream could not be reached or answered nothing usable),
 * {@code server} (other 5xx) and {@code client} (4xx from the upstream).
 */
public final class HealthTotals {
    long requests;
    long errorsServer;
    long errorsTimeout;
    long errorsConnection;
    long errorsClient;
    long latencyMsSum;
    long totalTokens;
    final LatencyHistogram latency = new LatencyHistogram();
    final LatencyHistogram ttft = new LatencyHistogram();

    /** Adds one call that reached a provider. */
    void add(SpendLogRecord r) {
        requests++;
        int status = r.status();
        if (status == 504) {
            errorsTimeout++;
        } else if (status == 502) {
            errorsConnection++;
        } else if (status >= 500) {
            errorsServer++;
        } else if (status >= 400) {
            errorsClient++;
        }
        latencyMsSum += r.durationMs();
        totalTokens += r.totalTokens();
        latency.add(r.durationMs());
        if (r.timeToFirstTokenMs() != null) {
            ttft.add(r.timeToFirstTokenMs());
        }
    }

    public long requests() {
        return requests;
    }

    public LatencyHistogram latency() {
        return latency;
    }

    public LatencyHistogram ttft() {
        return ttft;
    }
}
