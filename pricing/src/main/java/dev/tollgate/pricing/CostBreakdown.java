package dev.tollgate.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The cost of one call in USD, by component. Amounts are exact and held in canonical form
 * (trailing zeros stripped, scale never negative), so {@code equals} compares values and
 * {@link #toString()} prints the total without exponent, e.g. {@code 0.00015}.
 *
 * @param input uncached input (text and audio)
 * @param cacheRead cached input read
 * @param cacheWrite cache writes, 5-minute and 1-hour
 * @param output non-reasoning output
 * @param reasoning reasoning output
 * @param total the sum of the components
 */
public record CostBreakdown(
        BigDecimal input,
        BigDecimal cacheRead,
        BigDecimal cacheWrite,
        BigDecimal output,
        BigDecimal reasoning,
        BigDecimal total) {

    private static final CostBreakdown ZERO =
            of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** Puts every amount in canonical form. */
    public CostBreakdown {
        input = canonical(input);
        cacheRead = canonical(cacheRead);
        cacheWrite = canonical(cacheWrite);
        output = canonical(output);
        reasoning = canonical(reasoning);
        total = canonical(total);
    }

    /** A breakdown whose total is the sum of the components. */
    public static CostBreakdown of(
            BigDecimal input, BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal output, BigDecimal reasoning) {
        return new CostBreakdown(
                input,
                cacheRead,
                cacheWrite,
                output,
                reasoning,
                input.add(cacheRead).add(cacheWrite).add(output).add(reasoning));
    }

    /** Nothing to pay (free models, zero usage). */
    public static CostBreakdown zero() {
        return ZERO;
    }

    /** Component-wise sum, e.g. for a call with retries. */
    public CostBreakdown plus(CostBreakdown other) {
        return of(
                input.add(other.input),
                cacheRead.add(other.cacheRead),
                cacheWrite.add(other.cacheWrite),
                output.add(other.output),
                reasoning.add(other.reasoning));
    }

    /** The total as a plain decimal string, no exponent, no trailing zeros: {@code 0.00015}. */
    @Override
    public String toString() {
        return total.toPlainString();
    }

    static BigDecimal canonical(BigDecimal amount) {
        BigDecimal stripped = Objects.requireNonNull(amount, "amount").stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
