package dev.tollgate.gateway.config;

/**
 * Gateway-wide settings from the {@code settings:} block of {@code tollgate.yml}.
 *
 * @param maxRequestBytes       largest accepted request body (default 6 MB, Lambda's synchronous payload limit)
 * @param defaultTimeoutSeconds upstream timeout when a model sets none (default 100 s: below the proxy Lambda's 120 s)
 * @param defaultMaxRetries     upstream retries when a model sets none
 * @param retryBaseDelayMs      first backoff delay; doubles each retry, with full jitter
 * @param pricesFile            a newer LiteLLM-format price map replacing the bundled one
 * @param budgets               budget windows, the global budget, end-user defaults, reservation policy
 * @param spendLogTtlDays       days a spend-log item stays in DynamoDB (S3 keeps it for good); default 7
 * @param alerts                budget alert thresholds, key-expiry warning, alert history (docs/alerts.md)
 * @param rateLimits            how tokens count against tpm limits, and the parallel-slot lease time
 * @param cache                 the response cache (docs/caching.md); off unless enabled here or per key or team
 */
public record GatewaySettings(
        Long maxRequestBytes,
        Integer defaultTimeoutSeconds,
        Integer defaultMaxRetries,
        Integer retryBaseDelayMs,
        String pricesFile,
        BudgetSettings budgets,
        Integer spendLogTtlDays,
        AlertSettings alerts,
        dev.tollgate.gateway.config.RateLimitSettings rateLimits,
        CacheSettings cache) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 6L * 1024 * 1024;
    public static final GatewaySettings DEFAULT =
            new GatewaySettings(null, null, null, null, null, null, null, null, null, null);

    public BudgetSettings budgetsOrDefault() {
        return budgets == null ? BudgetSettings.DEFAULT : budgets;
    }

    public dev.tollgate.gateway.config.RateLimitSettings rateLimitsOrDefault() {
        return rateLimits == null ? dev.tollgate.gateway.config.RateLimitSettings.DEFAULT : rateLimits;
    }

    public CacheSettings cacheOrDefault() {
        return cache == null ? CacheSettings.DEFAULT : cache;
    }

    public AlertSettings alertsOrDefault() {
        return alerts == null ? AlertSettings.DEFAULT : alerts;
    }

    public int spendLogTtl() {
        return spendLogTtlDays == null ? 7 : spendLogTtlDays;
    }

    public long maxRequestBytesOrDefault() {
        return maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
    }

    public int timeoutSeconds() {
        return defaultTimeoutSeconds == null ? 100 : defaultTimeoutSeconds;
    }

    public int maxRetries() {
        return defaultMaxRetries == null ? 2 : defaultMaxRetries;
    }

    public int retryBaseDelay() {
        return retryBaseDelayMs == null ? 200 : retryBaseDelayMs;
    }
}
