package dev.tollgate.analytics.chargeback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Largest-remainder cents: the rounded lines always sum exactly to the rounded total. */
class AllocationCentsTest {

    @Test
    void threeThirds_ofOneHundred_sumToOneHundred() {
        // GIVEN $100 split by 3 x 33.333333% (what a rule can hold) and the 0.000001% left unallocated
        BigDecimal cost = new BigDecimal("100");
        BigDecimal third = cost.multiply(new BigDecimal("33.333333")).divide(BigDecimal.valueOf(100));
        BigDecimal left = cost.subtract(third.multiply(BigDecimal.valueOf(3)));
        List<BigDecimal> exact = List.of(third, third, third, left);

        // WHEN rounded to cents
        List<BigDecimal> cents = Cents.allocate(exact);

        // THEN naive rounding would give 99.99; largest remainder gives the first third the missing cent
        assertEquals(
                List.of(
                        new BigDecimal("33.34"),
                        new BigDecimal("33.33"),
                        new BigDecimal("33.33"),
                        new BigDecimal("0.00")),
                cents);
        assertEquals(new BigDecimal("100.00"), sum(cents));
    }

    @Test
    void randomSplits_alwaysSumToTheRoundedTotal() {
        Random random = new Random(12);
        for (int round = 0; round < 2000; round++) {
            List<BigDecimal> exact = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                exact.add(BigDecimal.valueOf(random.nextLong(0, 10_000_000_000L), 9));
            }
            List<BigDecimal> cents = Cents.allocate(exact);
            assertEquals(Cents.total(exact), sum(cents), exact.toString());
            for (int i = 0; i < n; i++) {
                BigDecimal diff = cents.get(i).subtract(exact.get(i)).abs();
                assertEquals(-1, diff.compareTo(new BigDecimal("0.01")), "each line moves by less than a cent");
            }
        }
    }

    private static BigDecimal sum(List<BigDecimal> xs) {
        return xs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
