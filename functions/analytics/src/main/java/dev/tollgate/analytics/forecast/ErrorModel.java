package dev.tollgate.analytics.forecast;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The distribution of a period total's relative error {@code (actual − forecast) / forecast}: heavy-tailed,
 * scaled to the rolling-origin backtest's errors (what the method uses when the history allows), or normal
 * (short histories). {@link #empiricalQuantile} reads a quantile straight from observed errors (the daily band).
 */
sealed interface ErrorModel {
    NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** The relative error not exceeded with probability {@code p}. */
    double quantile(double p);

    /** P(relative error > {@code x}). */
    double probabilityAbove(double x);

    /** The quantile {@code p} of observed {@code errors} (R-7, linear interpolation). */
    static double empiricalQuantile(double[] errors, double p) {
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        return percentile.evaluate(errors, p * 100);
    }

    /**
     * Student-t with {@value #DF} degrees of freedom, mean 0, scaled so its standard deviation is the
     * root mean square of the backtest's errors (bias included, so a forecaster that keeps missing one way
     * gets a wider interval, not a shifted one).
     */
    record HeavyTailed(double rms) implements ErrorModel {
        static final double DF = 4;
        private static final TDistribution T = new TDistribution(null, DF);
        private static final double UNIT = Math.sqrt((DF - 2) / DF);

        static HeavyTailed of(double[] errors) {
            return new HeavyTailed(
                    Math.sqrt(Arrays.stream(errors).map(e -> e * e).average().orElse(0)));
        }

        @Override
        public double quantile(double p) {
            return rms * UNIT * T.inverseCumulativeProbability(p);
        }

        @Override
        public double probabilityAbove(double x) {
            return rms <= 0 ? (x < 0 ? 1 : 0) : 1 - T.cumulativeProbability(x / (rms * UNIT));
        }
    }

    /** Normal with mean 0 and standard deviation {@code sd}. */
    record Normal(double sd) implements ErrorModel {
        @Override
        public double quantile(double p) {
            return sd * STANDARD.inverseCumulativeProbability(p);
        }

        @Override
        public double probabilityAbove(double x) {
            return sd <= 0 ? (x < 0 ? 1 : 0) : 1 - STANDARD.cumulativeProbability(x / sd);
        }
    }
}
