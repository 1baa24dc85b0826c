package dev.tollgate.pricing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Invariants of the arithmetic over real bundled entries, every tier and random usage.
 *
 * <p>Each property is checked on {@value #CASES} cases drawn from a seeded {@link Random}, so
 * a run is reproducible. Case {@code i} is generated from its own seed (the {@code i}-th
 * {@code nextLong()} of {@code new Random(SEED)}); a failure names the property seed, the
 * case index, the case seed and every input value, so one case can be regenerated alone
 * with e.g. {@code CostCase.generate(new Random(caseSeed))}.
 */
class CostPropertiesTest {

    /** Fixed so that a failure reproduces; change it locally to explore other cases. */
    private static final long SEED = 20_251_123L;

    private static final int CASES = 1_000;
    private static final int MAX_REPORTED = 10;

    private static final String[] MODELS = {
        "gpt-4o-mini",
        "gpt-5",
        "o3",
        "gpt-5.4",
        "claude-sonnet-4-5",
        "claude-opus-4-5",
        "gemini/gemini-2.5-pro",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "text-embedding-3-small",
        "dashscope/qwen-plus-latest",
        "dashscope/qwen3-max",
        "gpt-4o-audio-preview",
    };

    private static final BigDecimal MAX_BUDGET = new BigDecimal("25");
    private static final int BUDGET_SCALE = 9;

    // ---------------------------------------------------------------------------------------------
    // cost is never negative and the total is the sum of its parts

    record CostCase(
            String model,
            ServiceTier tier,
            long prompt,
            long cacheRead,
            long write5m,
            long write1h,
            long audio,
            long completion,
            long reasoning) {

        static CostCase generate(Random r) {
            return new CostCase(
                    anyModel(r),
                    anyTier(r),
                    longIn(r, 0, 2_000_000),
                    longIn(r, 0, 3_000_000),
                    longIn(r, 0, 500_000),
                    longIn(r, 0, 500_000),
                    longIn(r, 0, 100_000),
                    longIn(r, 0, 200_000),
                    longIn(r, 0, 300_000));
        }
    }

    @Test
    void cost_isNeverNegative_andTotalIsSumOfParts() {
        forAll(CostCase::generate, c -> {
            Usage usage = new Usage(
                    c.prompt(),
                    c.cacheRead(),
                    c.write5m(),
                    c.write1h(),
                    c.audio(),
                    c.completion(),
                    c.reasoning(),
                    false);
            CostBreakdown cost = CostCalculator.cost(Fixtures.price(c.model()), usage, c.tier());
            assertTrue(
                    cost.total().signum() >= 0,
                    () -> "negative total " + cost.total().toPlainString());
            BigDecimal[] parts = {cost.input(), cost.cacheRead(), cost.cacheWrite(), cost.output(), cost.reasoning()};
            for (BigDecimal part : parts) {
                assertTrue(part.signum() >= 0, () -> "negative part " + part.toPlainString() + " in " + cost);
            }
            BigDecimal sum = cost.input()
                    .add(cost.cacheRead())
                    .add(cost.cacheWrite())
                    .add(cost.output())
                    .add(cost.reasoning());
            assertEquals(
                    0,
                    cost.total().compareTo(sum),
                    () -> "total " + cost.total().toPlainString() + " != sum of parts " + sum.toPlainString());
            assertFalse(cost.toString().contains("E"), () -> "exponent in " + cost);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // cost never decreases when any one token count grows (below tier thresholds)

    /**
     * {@code parts} = uncached, read, write5m, write1h, audio, text output, reasoning;
     * {@code kind} indexes the part that grows by {@code more}.
     */
    record MonotoneCase(String model, ServiceTier tier, int[] parts, int kind, int more) {

        static MonotoneCase generate(Random r) {
            String model = anyModel(r);
            ServiceTier tier = anyTier(r);
            int[] parts = {
                intIn(r, 0, 5000),
                intIn(r, 0, 5000),
                intIn(r, 0, 5000),
                intIn(r, 0, 5000),
                intIn(r, 0, 5000),
                intIn(r, 0, 50_000),
                intIn(r, 0, 50_000)
            };
            return new MonotoneCase(model, tier, parts, intIn(r, 0, 6), intIn(r, 1, 1000));
        }

        @Override
        public String toString() {
            return "MonotoneCase[model=" + model + ", tier=" + tier + ", parts(uncached, read, write5m, write1h, "
                    + "audio, text, reasoning)=" + Arrays.toString(parts) + ", kind=" + kind + ", more=" + more + "]";
        }
    }

    /**
     * Adding tokens of any one kind never lowers the cost. Input parts stay below 32k in
     * total, under every threshold these models price; a cache read adds to the prompt too.
     */
    @Test
    void cost_isMonotoneInEachTokenCount_belowThresholds() {
        forAll(MonotoneCase::generate, c -> {
            ModelPrice price = Fixtures.price(c.model());
            int[] parts = c.parts().clone();
            BigDecimal before =
                    CostCalculator.cost(price, usageOf(parts), c.tier()).total();
            parts[c.kind()] += c.more();
            BigDecimal after =
                    CostCalculator.cost(price, usageOf(parts), c.tier()).total();
            assertTrue(
                    after.compareTo(before) >= 0,
                    () -> "kind " + c.kind() + ": " + before.toPlainString() + " → " + after.toPlainString());
        });
    }

    private static Usage usageOf(int[] p) {
        long prompt = (long) p[0] + p[1] + p[2] + p[3] + p[4];
        return new Usage(prompt, p[1], p[2], p[3], p[4], (long) p[5] + p[6], p[6], false);
    }

    // ---------------------------------------------------------------------------------------------
    // affordableOutputTokens fits the budget and one more token does not

    record BudgetCase(String model, ServiceTier tier, int inputTokens, BigDecimal budget) {

        static BudgetCase generate(Random r) {
            long maxUnscaled = MAX_BUDGET.movePointRight(BUDGET_SCALE).longValueExact();
            return new BudgetCase(
                    anyModel(r),
                    anyTier(r),
                    intIn(r, 0, 400_000),
                    BigDecimal.valueOf(longIn(r, 0, maxUnscaled), BUDGET_SCALE));
        }

        @Override
        public String toString() {
            return "BudgetCase[model=" + model + ", tier=" + tier + ", inputTokens=" + inputTokens + ", budget="
                    + budget.toPlainString() + "]";
        }
    }

    @Test
    void affordableOutputTokens_fitsBudget_andOneMoreTokenDoesNot() {
        AtomicInteger inputAloneTooDear = new AtomicInteger();
        AtomicInteger someOutputFits = new AtomicInteger();
        forAll(BudgetCase::generate, c -> {
            ModelPrice price = Fixtures.price(c.model());
            int tokens = CostPredictor.affordableOutputTokens(price, c.inputTokens(), c.budget(), c.tier());
            BigDecimal inputOnly = CostPredictor.worstCase(price, c.inputTokens(), 0, c.tier());
            if (inputOnly.compareTo(c.budget()) > 0) {
                inputAloneTooDear.incrementAndGet();
                assertEquals(0, tokens, () -> "input alone costs " + inputOnly.toPlainString());
                return;
            }
            if (tokens > 0) {
                someOutputFits.incrementAndGet();
            }
            BigDecimal fits = CostPredictor.worstCase(price, c.inputTokens(), tokens, c.tier());
            assertTrue(
                    fits.compareTo(c.budget()) <= 0,
                    () -> tokens + " output tokens cost " + fits.toPlainString() + ", over the budget");
            if (tokens < Integer.MAX_VALUE) {
                BigDecimal oneMore = CostPredictor.worstCase(price, c.inputTokens(), tokens + 1, c.tier());
                assertTrue(
                        oneMore.compareTo(c.budget()) > 0,
                        () -> (tokens + 1) + " output tokens cost " + oneMore.toPlainString() + ", still fits");
            }
        });
        // The generator must reach both outcomes, or the property is checked only in part.
        assertTrue(inputAloneTooDear.get() > 0, "no case where the input alone exceeds the budget");
        assertTrue(someOutputFits.get() > 0, "no case where some output fits the budget");
    }

    // ---------------------------------------------------------------------------------------------
    // generation

    /**
     * Checks {@code property} on {@value #CASES} generated cases. Every case runs; a failure is
     * rethrown with the seed, case index, case seed and input, and the first
     * {@value #MAX_REPORTED} failures are reported together (with the count of all of them).
     */
    private static <C> void forAll(Function<Random, C> generator, Consumer<C> property) {
        Random seeds = new Random(SEED);
        List<AssertionError> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            long caseSeed = seeds.nextLong();
            C input = generator.apply(new Random(caseSeed));
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                failures.add(new AssertionError(
                        "seed " + SEED + ", case " + i + " (case seed " + caseSeed + "): " + input + ": "
                                + e.getMessage(),
                        e));
            }
        }
        assertAll(
                failures.size() + " of " + CASES + " cases failed (seed " + SEED + "; at most " + MAX_REPORTED
                        + " shown)",
                failures.stream().limit(MAX_REPORTED).map(failure -> (Executable) () -> {
                    throw failure;
                }));
    }

    private static String anyModel(Random r) {
        return MODELS[r.nextInt(MODELS.length)];
    }

    private static ServiceTier anyTier(Random r) {
        ServiceTier[] tiers = ServiceTier.values();
        return tiers[r.nextInt(tiers.length)];
    }

    private static int intIn(Random r, int min, int max) {
        return Math.toIntExact(longIn(r, min, max));
    }

    /**
     * A value in {@code [min, max]}: one time in 16 a boundary ({@code min}, {@code min + 1},
     * {@code max - 1}, {@code max}); 7 in 16 a small offset from {@code min} (a random number of
     * decimal digits, so every order of magnitude is reached); otherwise uniform over the range.
     */
    private static long longIn(Random r, long min, long max) {
        long span = max - min;
        int pick = r.nextInt(16);
        if (pick == 0) {
            long[] edges = {min, Math.min(max, min + 1), Math.max(min, max - 1), max};
            return edges[r.nextInt(edges.length)];
        }
        if (pick < 8) {
            int digits = 1 + r.nextInt(Long.toString(span).length());
            long bound = 1;
            for (int d = 0; d < digits; d++) {
                bound *= 10;
            }
            return min + r.nextLong(Math.min(span, bound - 1) + 1);
        }
        return min + r.nextLong(span + 1);
    }
}
