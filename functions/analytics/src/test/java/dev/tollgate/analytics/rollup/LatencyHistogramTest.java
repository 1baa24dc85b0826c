package dev.tollgate.analytics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentiles_areWithinTwoPercentOfTheExactOnes_onSkewedLatencies() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            long[] values = new long[5_000];
            LatencyHistogram histogram = new LatencyHistogram();
            for (int i = 0; i < values.length; i++) {
                // log-normal around 800 ms, with a long tail to minutes
                values[i] = Math.max(1, Math.round(Math.exp(6.7 + 1.1 * random.nextGaussian())));
                histogram.add(values[i]);
            }
            Arrays.sort(values);
            for (double p : new double[] {50, 95, 99}) {
                long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
                double estimate = histogram.percentile(p);
                assertTrue(
                        Math.abs(estimate - exact) <= 0.02 * exact,
                        "seed " + seed + " p" + p + ": exact " + exact + ", histogram " + estimate);
            }
        }
    }

    @Test
    void smallLatencies_areExact_andBucketsGrowByTwoPercent() {
        assertEquals(37, LatencyHistogram.bucket(37));
        assertEquals(37.0, LatencyHistogram.value(37));
        int b = LatencyHistogram.bucket(10_000);
        double middle = LatencyHistogram.value(b);
        assertTrue(Math.abs(middle - 10_000) / 10_000 < 0.01, "middle " + middle);
    }

    @Test
    void json_isSparseAndSorted() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(5);
        h.add(5);
        h.add(3);
        assertEquals("{\"3\":1,\"5\":2}", h.toJson());
    }
}
