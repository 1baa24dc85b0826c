package dev.tollgate.analytics.forecast;

/**
 * Announces a projected overrun ({@code forecast_overrun}) once per scope and budget window, however many
 * runs see it ({@link AlertServiceOverrunAlerts}: the budget alerts' once-only claim and SNS attributes).
 */
public interface OverrunAlerts {

    /** Fires the alert for {@code forecast} (a budget-window forecast) unless fired before in its window. */
    boolean overrun(Forecast forecast);
}
