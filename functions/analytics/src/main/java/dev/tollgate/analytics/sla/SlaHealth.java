package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.rollup.LatencyHistogram;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of one provider and model over some {@code health_5min} buckets. Errors are the provider's
 * failures (5xx, timeouts, connection failures); a client's 4xx is counted apart and is not an error.
 * Availability is the share of the buckets with calls in which at most half the calls failed.
 */
public final class SlaHealth {
    final String provider;
    final String model;
    long requests;
    long errorsServer;
    long errorsTimeout;
    long errorsConnection;
    long errorsClient;
    long totalTokens;
    long buckets;
    long bucketsUp;
    final LatencyHistogram latency = new LatencyHistogram();
    final LatencyHistogram ttft = new LatencyHistogram();

    SlaHealth(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /** Adds one bucket's row. */
    void add(long requests, long server, long timeout, long connection, long client) {
        this.requests += requests;
        errorsServer += server;
        errorsTimeout += timeout;
        errorsConnection += connection;
        errorsClient += client;
        if (requests > 0) {
            buckets++;
            if ((server + timeout + connection) * 2 <= requests) {
                bucketsUp++;
            }
        }
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public long requests() {
        return requests;
    }

    public long totalTokens() {
        return totalTokens;
    }

    public long errors() {
        return errorsServer + errorsTimeout + errorsConnection;
    }

    public LatencyHistogram latency() {
        return latency;
    }

    /** Errors over requests, or null without calls. */
    public Double errorRate() {
        return requests == 0 ? null : (double) errors() / requests;
    }

    /** Share of the buckets with calls that were up (at most half their calls failed), or null without calls. */
    public Double availability() {
        return buckets == 0 ? null : (double) bucketsUp / buckets;
    }

    /** The JSON view. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("provider", provider);
        v.put("model", model);
        v.put("requests", requests);
        v.put("total_tokens", totalTokens);
        v.put("errors", errors());
        v.put("errors_server", errorsServer);
        v.put("errors_timeout", errorsTimeout);
        v.put("errors_connection", errorsConnection);
        v.put("client_errors", errorsClient);
        v.put("error_rate", round(errorRate()));
        v.put("availability", round(availability()));
        v.put("latency_p50_ms", round(latency.percentile(50)));
        v.put("latency_p95_ms", round(latency.percentile(95)));
        v.put("latency_p99_ms", round(latency.percentile(99)));
        v.put("ttft_p50_ms", round(ttft.percentile(50)));
        v.put("ttft_p95_ms", round(ttft.percentile(95)));
        v.put("ttft_p99_ms", round(ttft.percentile(99)));
        return v;
    }

    static Double round(Double d) {
        return d == null ? null : Math.round(d * 1_000_000d) / 1_000_000d;
    }
}
