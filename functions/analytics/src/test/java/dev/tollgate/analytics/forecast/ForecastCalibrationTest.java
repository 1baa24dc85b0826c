package dev.tollgate.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calibration benchmark of docs/benchmarks.md, as a test on a fixed seed: over generated histories
 * (trend, weekly pattern, noise, a step change), the forecast of a month must be more accurate than the
 * reference product's three-month weighted moving average (lower MAPE), and its 80% interval must hold
 * the actual total 75–85% of the time: with four months of history (backtest intervals) and with two
 * months, six weeks and four weeks (short-history intervals). The six-week case forecasts next month from
 * mid-month (days 16–46): a horizon longer than the history, where an undamped slope used to turn the
 * history's step into a runaway trend (62–68% coverage, MAPE no better than the baseline).
 */
class ForecastCalibrationTest {
    static final int SERIES = 300;
    static final long SEED = 20261205L;

    record Score(double mape, double coverage80, double coverage95, double meanWidth80) {}

    /**
     * Scores both methods over {@link #SERIES} series from {@code seed}: [method, baseline].
     *
     * @param history days of history
     * @param ahead   days from the last history day to the first forecast day (1 = the next day)
     * @param length  days forecast
     */
    static Score[] run(long seed, int history, int ahead, int length) {
        Random random = new Random(seed);
        Forecaster forecaster = new Forecaster();
        double[] ours = new double[4];
        double[] base = new double[4];
        for (int i = 0; i < SERIES; i++) {
            SyntheticSpend.Series s = SyntheticSpend.generate(random, history, ahead - 1 + length);
            double actual = 0;
            for (int j = ahead - 1; j < ahead - 1 + length; j++) {
                actual += s.future()[j];
            }
            Projection p = forecaster.project(s.history(), SyntheticSpend.FIRST_DAY, ahead, length);
            add(ours, actual, p.total(), p.low80(), p.high80(), p.low95(), p.high95());
            double[] wma = SyntheticSpend.weightedMovingAverage(s.history(), length);
            add(base, actual, wma[0], wma[1], wma[2], wma[1], wma[2]);
        }
        return new Score[] {score(ours), score(base)};
    }

    private static void add(double[] acc, double actual, double f, double lo, double hi, double lo95, double hi95) {
        acc[0] += Math.abs(actual - f) / actual;
        acc[1] += actual >= lo && actual <= hi ? 1 : 0;
        acc[2] += actual >= lo95 && actual <= hi95 ? 1 : 0;
        acc[3] += (hi - lo) / f;
    }

    private static Score score(double[] acc) {
        return new Score(100 * acc[0] / SERIES, acc[1] / SERIES, acc[2] / SERIES, acc[3] / SERIES);
    }

    @ParameterizedTest(name = "{0}-day history, days {1}..{1}+{2}")
    @CsvSource({"120, 1, 30", "120, 16, 31", "60, 1, 30", "45, 16, 31", "28, 1, 30"})
    void month_beatsTheWeightedMovingAverage_withCalibratedIntervals(int history, int ahead, int length) {
        Score[] scores = run(SEED, history, ahead, length);
        System.out.printf(
                "calibration (%d series, %d-day history, %d days from day +%d): method MAPE %.2f%% coverage80 %.1f%%"
                        + " coverage95 %.1f%% width80 %.1f%% | baseline MAPE %.2f%% coverage(±20%%) %.1f%%%n",
                SERIES,
                history,
                length,
                ahead,
                scores[0].mape(),
                100 * scores[0].coverage80(),
                100 * scores[0].coverage95(),
                100 * scores[0].meanWidth80(),
                scores[1].mape(),
                100 * scores[1].coverage80());
        assertTrue(scores[0].mape() < scores[1].mape(), "MAPE below the baseline's");
        assertTrue(
                scores[0].coverage80() >= 0.75 && scores[0].coverage80() <= 0.85,
                "80% interval coverage within 75–85%, was " + scores[0].coverage80());
    }

    /**
     * The same cases over 20 other seeds: the mean coverage of the 80% interval stays near 80% (one seed's 300 series
     * vary by about ±2.3 points; the mean of 20 by about ±0.5), so an interval that is too narrow or too wide for a
     * history length shows here even where the test seed happens to pass.
     */
    @ParameterizedTest(name = "{0}-day history, days {1}..{1}+{2}, 20 seeds")
    @CsvSource({"120, 1, 30", "120, 16, 31", "60, 1, 30", "45, 16, 31", "28, 1, 30"})
    void acrossSeeds_theMeanCoverageOfThe80PercentInterval_isNear80(int history, int ahead, int length) {
        int seeds = 20;
        double sum = 0;
        for (int k = 0; k < seeds; k++) {
            sum += run(1000 + k * 7919L, history, ahead, length)[0].coverage80();
        }
        double mean = sum / seeds;
        System.out.printf(
                "calibration over %d seeds (%d-day history, %d days from day +%d): mean coverage80 %.1f%%%n",
                seeds, history, length, ahead, 100 * mean);
        assertTrue(mean >= 0.76 && mean <= 0.84, "mean 80% interval coverage within 76–84%, was " + mean);
    }
}
