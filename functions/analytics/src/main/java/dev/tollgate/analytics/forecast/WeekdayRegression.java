package dev.tollgate.analytics.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Daily spend as level + trend + day of week, fitted by discounted least squares (commons-math3's QR
 * least squares on rows scaled by the square root of their weight): a day {@code k} days before the
 * last weighs {@code 0.5^(k / halfLife)}, so a launch or a cut is followed within weeks, not months.
 * The trend is damped when extrapolated ({@code φ^1 + … + φ^h} days of slope after {@code h} days),
 * because a straight line carried a month ahead is the usual way a spend forecast goes wrong.
 *
 * <p>Columns: level at the last day, slope per day (optional), and six day-of-week offsets against
 * Monday (optional: they need two weeks of days to be told apart from noise).
 */
final class WeekdayRegression {
    private final double[] beta;
    private final boolean trend;
    private final boolean weekdays;
    private final double damping;
    private final int n;
    private final LocalDate firstDay;
    private double maxTrendDays = Double.MAX_VALUE;

    private WeekdayRegression(
            double[] beta, boolean trend, boolean weekdays, double damping, int n, LocalDate firstDay) {
        this.beta = beta;
        this.trend = trend;
        this.weekdays = weekdays;
        this.damping = damping;
        this.n = n;
        this.firstDay = firstDay;
    }

    /**
     * Fits {@code y} (one value per day, {@code firstDay} first).
     *
     * @param halfLife weight half-life in days
     * @param damping  the trend's damping per day ahead, in (0, 1]
     */
    static WeekdayRegression fit(
            double[] y, LocalDate firstDay, boolean trend, boolean weekdays, double halfLife, double damping) {
        int n = y.length;
        int columns = 1 + (trend ? 1 : 0) + (weekdays ? 6 : 0);
        double[][] x = new double[n][columns];
        double[] wy = new double[n];
        for (int i = 0; i < n; i++) {
            double w = Math.sqrt(Math.pow(0.5, (n - 1 - i) / halfLife));
            fillRow(x[i], i - (n - 1), firstDay.plusDays(i).getDayOfWeek(), trend, weekdays, w);
            wy[i] = y[i] * w;
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(wy, x);
        return new WeekdayRegression(ols.estimateRegressionParameters(), trend, weekdays, damping, n, firstDay);
    }

    /**
     * Caps the days of slope any forecast carries ahead, on top of the damping: a slope fitted on a short
     * history cannot be told from a step inside it, and carried a month ahead it turns a step into a runaway
     * trend (docs/forecasting.md).
     */
    WeekdayRegression trustTrendFor(double days) {
        this.maxTrendDays = days;
        return this;
    }

    /** The fitted value of day {@code index} of the history ({@code 0..n-1}); the trend is not damped inside it. */
    double fitted(int index) {
        double[] row = new double[beta.length];
        fillRow(row, index - (n - 1), firstDay.plusDays(index).getDayOfWeek(), trend, weekdays, 1);
        return dot(row);
    }

    /** The forecast of the day {@code ahead} days after the last one ({@code ahead ≥ 1}), never below 0. */
    double ahead(int ahead) {
        double[] row = new double[beta.length];
        fillRow(row, 0, firstDay.plusDays(n - 1L + ahead).getDayOfWeek(), trend, weekdays, 1); // t = 0: level
        double value = dot(row);
        if (trend) {
            double steps = damping >= 1 ? ahead : damping * (1 - Math.pow(damping, ahead)) / (1 - damping);
            value += beta[1] * Math.min(steps, maxTrendDays);
        }
        return Math.max(0, value);
    }

    private double dot(double[] row) {
        double v = 0;
        for (int j = 0; j < row.length; j++) {
            v += row[j] * beta[j];
        }
        return v;
    }

    private static void fillRow(double[] row, double t, DayOfWeek day, boolean trend, boolean weekdays, double weight) {
        int j = 0;
        row[j++] = weight;
        if (trend) {
            row[j++] = t * weight;
        }
        if (weekdays) {
            for (int d = 2; d <= 7; d++) {
                row[j++] = day.getValue() == d ? weight : 0;
            }
        }
    }
}
