package dev.tollgate.analytics.forecast;

import java.time.LocalDate;
import java.util.List;

/** Where forecasts are kept, every run's ({@link JdbcForecastStore}). */
public interface ForecastStore {

    /** Stores {@code forecasts}; one made the same day for the same scope and horizon is replaced. */
    void save(List<Forecast> forecasts);

    /**
     * The most recent forecast of each scope and horizon, with its days; filters are exact matches and
     * null means any.
     */
    List<Forecast> latest(ScopeType type, String scopeId, String teamId);

    /**
     * For each day {@code from..to} that a forecast of the scope covered: the most recent forecast made on
     * or before that day (actual left null: the caller adds it from the rollups).
     */
    List<Forecast.HistoryPoint> history(ScopeType type, String scopeId, LocalDate from, LocalDate to);
}
