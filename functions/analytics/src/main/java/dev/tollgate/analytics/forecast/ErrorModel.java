package dev.tollgate.analytics.forecast;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The distribution of a period total's relative error {@code (actual − forecast) / forecast}: empirical
 * (the rolling-origin backtest's errors, what the method uses when the history allows) or normal (short
 * histories).
 */
sealed interface ErrorModel {
    NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** The relative error not exceeded with probability {@code p}. */
    double quantile(double p);

    /** P(relative error > {@code x}). */
    double probabilityAbove(double x);

    /** The backtest's errors, oldest origin first. */
    record Empirical(double[] errors) implements ErrorModel {
        @Override
        public double quantile(double p) {
            Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            return percentile.evaluate(errors, p * 100);
        }

        /** Kernel-smoothed (Gaussian, Silverman's bandwidth), so a few dozen errors do not give 0 or 1 flat. */
        @Override
        public double probabilityAbove(double x) {
            double mean = Arrays.stream(errors).average().orElse(0);
            double var = Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum() / Math.max(1, errors.length - 1);
            double h = Math.max(1e-4, 1.06 * Math.sqrt(var) * Math.pow(errors.length, -0.2));
            double p = 0;
            for (double e : errors) {
                p += STANDARD.cumulativeProbability((e - x) / h);
            }
            return p / errors.length;
        }
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
