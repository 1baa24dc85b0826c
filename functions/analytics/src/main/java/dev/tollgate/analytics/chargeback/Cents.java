package dev.tollgate.analytics.chargeback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rounds exact amounts to cents so that the rounded lines sum exactly to the rounded total (largest
 * remainder, Hamilton's method): every line is floored to the cent, then the cents still missing go one
 * each to the lines with the largest remainders (ties to the earlier line).
 */
public final class Cents {
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Cents() {}

    /** The total rounded to cents (half-even). */
    public static BigDecimal total(List<BigDecimal> exact) {
        return exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Each of {@code exact} (all {@code >= 0}) in cents; the result sums to {@link #total}. */
    public static List<BigDecimal> allocate(List<BigDecimal> exact) {
        BigDecimal target = total(exact);
        List<BigDecimal> floors = new ArrayList<>(exact.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal x : exact) {
            if (x.signum() < 0) {
                throw new IllegalArgumentException("negative amount " + x);
            }
            BigDecimal f = x.setScale(2, RoundingMode.FLOOR);
            floors.add(f);
            sum = sum.add(f);
        }
        int missing = target.subtract(sum).divide(CENT).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < exact.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> exact.get(i).subtract(floors.get(i)))
                .reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < missing; k++) {
            int i = order.get(k);
            floors.set(i, floors.get(i).add(CENT));
        }
        return floors;
    }
}
