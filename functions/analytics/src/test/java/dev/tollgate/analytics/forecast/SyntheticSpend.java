package dev.tollgate.analytics.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;

/**
 * Generated daily spend with known structure, for the calibration benchmark (docs/benchmarks.md): a
 * level, a linear trend, a weekly pattern (quieter weekends), multiplicative log-normal noise and one
 * step change (a launch or a cut) somewhere in the history. Fixed seed: the same series every run.
 */
final class SyntheticSpend {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5); // a Monday

    /** One series: {@code history} days to fit, then {@code horizon} days to score against. */
    record Series(double[] history, double[] future) {}

    private SyntheticSpend() {}

    static Series generate(Random r, int history, int horizon) {
        double level = 20 + 180 * r.nextDouble();
        double trendPerDay = level * (-0.003 + 0.013 * r.nextDouble());
        double weekend = 0.3 + 0.5 * r.nextDouble();
        double[] weekday = new double[7];
        for (int d = 0; d < 5; d++) {
            weekday[d] = 0.9 + 0.2 * r.nextDouble();
        }
        weekday[5] = weekend;
        weekday[6] = weekend;
        double noise = 0.08 + 0.27 * r.nextDouble();
        int stepDay = 20 + r.nextInt(history - 25);
        double step = r.nextBoolean() ? 1.3 + 0.9 * r.nextDouble() : 0.5 + 0.35 * r.nextDouble();
        double[] all = new double[history + horizon];
        for (int t = 0; t < all.length; t++) {
            DayOfWeek day = FIRST_DAY.plusDays(t).getDayOfWeek();
            double mean = Math.max(0.5, level + trendPerDay * t) * (t >= stepDay ? step : 1) * weekday[day.ordinal()];
            all[t] = mean * Math.exp(noise * r.nextGaussian() - noise * noise / 2);
        }
        return new Series(
                java.util.Arrays.copyOfRange(all, 0, history), java.util.Arrays.copyOfRange(all, history, all.length));
    }

    /**
     * The reference product's forecast: a three-month weighted moving average of the daily rate (the
     * last 30 days weigh 3, the 30 before 2, the 30 before those 1) times the days, with a fixed ±20% band.
     */
    static double[] weightedMovingAverage(double[] history, int length) {
        int n = history.length;
        double weighted = 0;
        double weights = 0;
        for (int block = 0; block < 3; block++) {
            int to = n - 30 * block;
            int from = Math.max(0, to - 30);
            if (to <= from) {
                break;
            }
            double mean = java.util.Arrays.stream(history, from, to).average().orElse(0);
            weighted += (3 - block) * mean;
            weights += 3 - block;
        }
        double total = weighted / weights * length;
        return new double[] {total, total * 0.8, total * 1.2};
    }
}
