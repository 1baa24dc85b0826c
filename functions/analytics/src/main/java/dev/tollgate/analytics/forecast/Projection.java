package dev.tollgate.analytics.forecast;

/**
 * A forecast of the spend of {@code length} consecutive future days, in USD as doubles (the numerics;
 * the service turns them into exact decimals at the edge).
 *
 * @param total         the point forecast of the days' sum
 * @param low80         the 80% interval of the sum (10th and 90th percentiles)
 * @param low95         the 95% interval (2.5th and 97.5th)
 * @param daily         the point forecast per day
 * @param dailyLow      the 80% interval per day
 * @param method        how it was made ({@link Forecaster} names them)
 * @param historyDays   days of history it used
 * @param backtestMape  mean absolute percentage error of the same horizon over the rolling-origin backtest; null
 *                      when the history is too short for one
 * @param coverage      share of backtest origins whose actual sum fell in the 80% interval built from the
 *                      origins before them (never from their own error); null when too few
 * @param errors        the relative error distribution behind the intervals
 */
public record Projection(
        double total,
        double low80,
        double high80,
        double low95,
        double high95,
        double[] daily,
        double[] dailyLow,
        double[] dailyHigh,
        String method,
        int historyDays,
        Double backtestMape,
        Double coverage,
        ErrorModel errors) {

    /** P(already spent + these days' spend > budget). */
    public double probabilityOver(double alreadySpent, double budget) {
        double room = budget - alreadySpent;
        if (room < 0) {
            return 1;
        }
        if (total <= 0) {
            return room <= 0 ? 1 : 0;
        }
        return Math.min(1, Math.max(0, errors.probabilityAbove(room / total - 1)));
    }
}
