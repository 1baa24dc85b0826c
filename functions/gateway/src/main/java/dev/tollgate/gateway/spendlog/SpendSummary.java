package dev.tollgate.gateway.spendlog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Per-day spend totals for {@code GET /spend/logs?summarize=true} (LiteLLM's summarized form), answered
 * by the control plane's rollups where they exist ({@code functions/analytics}); without them the
 * route says so.
 */
public interface SpendSummary {

    /** One entry per day with spend: {@code {"startTime", "spend", "api_requests", "total_tokens", "models", "users"}}. */
    List<Map<String, Object>> daily(LocalDate from, LocalDate to);
}
