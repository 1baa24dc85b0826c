package dev.tollgate.analytics.chargeback;

import dev.tollgate.gateway.alerts.AlertEvent;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.alerts.AlertType;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;

/**
 * {@link DraftReadyAlerts} through the gateway's {@link AlertService}: marker {@code ALERT#GLOBAL#global} /
 * {@code chargeback#<month>#CHARGEBACK_READY#-#-}, so one alert per month; scope {@code global}, the month as
 * its name, the month's spend as {@code spend}.
 */
public final class AlertServiceDraftReadyAlerts implements DraftReadyAlerts {
    private final AlertService alerts;
    private final Clock clock;

    public AlertServiceDraftReadyAlerts(AlertService alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public boolean ready(YearMonth month, BigDecimal totalCost) {
        return alerts.fireOnce(event(month, totalCost, clock));
    }

    static AlertEvent event(YearMonth month, BigDecimal totalCost, Clock clock) {
        return new AlertEvent(
                AlertType.CHARGEBACK_READY,
                Scope.GLOBAL,
                "global",
                month.toString(),
                null,
                null,
                null,
                "chargeback#" + month,
                totalCost,
                null,
                null,
                null,
                clock.instant(),
                null);
    }
}
