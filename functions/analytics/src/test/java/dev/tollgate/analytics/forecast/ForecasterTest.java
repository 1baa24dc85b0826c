package dev.tollgate.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forecaster on histories whose answer is known. */
class ForecasterTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 1);
    private final Forecaster forecaster = new Forecaster();

    /** Weekdays 100 + 1/day, weekends 40 + 0.4/day, ±3% noise. */
    private static double[] weekly(int days, long seed) {
        Random r = new Random(seed);
        double[] y = new double[days];
        for (int t = 0; t < days; t++) {
            boolean weekend = MONDAY.plusDays(t).getDayOfWeek().getValue() >= 6;
            y[t] = (100 + t) * (weekend ? 0.4 : 1) * (1 + 0.03 * r.nextGaussian());
        }
        return y;
    }

    @Test
    void project_longWeeklyHistory_followsTrendAndWeekdays_withBacktest() {
        double[] all = weekly(140, 7);
        double[] history = Arrays.copyOf(all, 112);
        double truth = Arrays.stream(all, 112, 140).sum();

        Projection p = forecaster.project(history, MONDAY, 1, 28);

        assertEquals("regression_trend_weekday+backtest", p.method());
        assertEquals(112, p.historyDays());
        assertTrue(Math.abs(p.total() - truth) / truth < 0.05, "within 5%: " + p.total() + " vs " + truth);
        assertTrue(p.low80() < truth && truth < p.high80(), "80% interval holds the truth");
        assertTrue(p.low95() <= p.low80() && p.high80() <= p.high95(), "95% contains 80%");
        // day 112 is a Monday, day 117 a Saturday: the weekday effect carries into the forecast
        assertEquals(DayOfWeek.SATURDAY, MONDAY.plusDays(117).getDayOfWeek());
        assertTrue(p.daily()[5] < 0.6 * p.daily()[0], "Saturday below Monday");
        assertTrue(p.dailyLow()[0] < p.daily()[0] && p.daily()[0] < p.dailyHigh()[0]);
        assertNotNull(p.backtestMape());
        assertTrue(p.backtestMape() < 10, "backtest MAPE " + p.backtestMape());
        assertNotNull(p.coverage());
    }

    @Test
    void project_weekOldScope_meanWithWideNormalInterval() {
        double[] history = {10, 12, 9, 11, 10, 4, 3};

        Projection p = forecaster.project(history, MONDAY, 1, 30);

        assertEquals("mean_short_history+normal", p.method());
        assertEquals(7, p.historyDays());
        assertEquals(59.0 / 7 * 30, p.total(), 1e-9);
        assertTrue(p.high80() / p.low80() > 1.5, "wide: " + p.low80() + ".." + p.high80());
        assertNull(p.backtestMape());
    }

    @Test
    void project_threeWeeks_weekdayRegressionWithoutTrend() {
        Projection p = forecaster.project(Arrays.copyOf(weekly(21, 3), 21), MONDAY, 1, 10);

        assertTrue(p.method().startsWith("regression_weekday_short_history"), p.method());
    }

    @Test
    void project_noHistory_forecastsNothing() {
        Projection p = forecaster.project(new double[0], MONDAY, 1, 30);

        assertEquals("no_history", p.method());
        assertEquals(0, p.total());
        assertEquals(0, p.high95());
    }

    @Test
    void probabilityOver_followsTheBudget() {
        Projection p = forecaster.project(Arrays.copyOf(weekly(112, 1), 112), MONDAY, 1, 28);

        assertTrue(p.probabilityOver(0, p.total() * 3) < 0.01);
        assertTrue(p.probabilityOver(0, p.total() * 0.3) > 0.99);
        assertEquals(0.5, p.probabilityOver(0, p.total()), 0.05);
        assertEquals(1, p.probabilityOver(p.total(), p.total() * 0.5), "already over");
        assertTrue(p.probabilityOver(0, p.high80()) < p.probabilityOver(0, p.low80()));
    }

    @Test
    void sequentialCoverage_usesOnlyEarlierErrors() {
        double[] errors = new double[20];
        Arrays.fill(errors, 0.01);
        errors[19] = 5; // far outside what came before

        assertEquals(11.0 / 12, Forecaster.sequentialCoverage(errors), 1e-9);
        assertNull(Forecaster.sequentialCoverage(new double[5]));
    }
}
