package dev.tollgate.analytics.chargeback;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Announces that a month's chargeback draft is ready ({@code chargeback_ready}), once per month however often
 * the month close runs ({@link AlertServiceDraftReadyAlerts}: the budget alerts' once-only claim and topic).
 */
public interface DraftReadyAlerts {

    /** @return whether this call sent it (false: sent before) */
    boolean ready(YearMonth month, BigDecimal totalCost);
}
