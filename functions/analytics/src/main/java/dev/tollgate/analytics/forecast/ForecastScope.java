package dev.tollgate.analytics.forecast;

import java.math.BigDecimal;

/**
 * One scope to forecast: every scope with a monthly budget, and every team.
 *
 * @param id     the team, user, key hash, end user or tag; {@code global} for the whole gateway
 * @param budget the calendar-month hard limit; null when the scope has none
 */
public record ForecastScope(ScopeType type, String id, BigDecimal budget) {}
