package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.alerts.AlertEvent;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.alerts.AlertType;
import java.time.Clock;
import java.time.ZoneId;

/**
 * {@link OverrunAlerts} through the gateway's {@link AlertService}: the marker {@code ALERT#<SCOPE>#<id>} /
 * {@code <window>#<window start>#FORECAST_OVERRUN#-#<budget>} ({@code 1d}, {@code 7d} or {@code 1mo}, the
 * window instance as in the ledger's counter sort key) makes it once per scope and window (a raised budget
 * re-arms it, as for thresholds), and the publisher gives it the budget alerts' message attributes
 * ({@code alert_type}, {@code scope}, {@code team_id} / {@code user_id}).
 */
public final class AlertServiceOverrunAlerts implements OverrunAlerts {
    private final AlertService alerts;
    private final ZoneId zone;
    private final Clock clock;

    public AlertServiceOverrunAlerts(AlertService alerts, ZoneId zone, Clock clock) {
        this.alerts = alerts;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public boolean overrun(Forecast f) {
        return alerts.fireOnce(event(f, zone, clock));
    }

    static AlertEvent event(Forecast f, ZoneId zone, Clock clock) {
        String windowStart = f.periodStart().atStartOfDay(zone).toInstant().toString();
        String team = switch (f.scopeType()) {
            case TEAM, KEY, TEAM_MODEL, KEY_MODEL -> blankToNull(f.teamId());
            default -> null;
        };
        String user = f.scopeType() == ScopeType.USER ? f.scopeId() : null;
        return new AlertEvent(
                AlertType.FORECAST_OVERRUN,
                f.scopeType().alertScope,
                f.scopeId(),
                f.scopeId(),
                team,
                user,
                f.window(),
                f.window().code() + "#" + windowStart,
                f.actualToDate(),
                f.budget(),
                null,
                f.periodEnd().plusDays(1).atStartOfDay(zone).toInstant(),
                clock.instant(),
                new AlertEvent.Projected(
                        f.forecastedCost(),
                        f.confidenceLow(),
                        f.confidenceHigh(),
                        f.projectedExhaustionDate(),
                        f.probabilityOverBudget()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
