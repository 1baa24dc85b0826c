package dev.tollgate.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the arithmetic over real bundled entries, every tier and random usage. */
class CostPropertiesTest {

    private static final String[] MODELS = {
        "gpt-4o-mini", "gpt-5", "o3", "gpt-5.4", "claude-sonnet-4-5", "claude-opus-4-5", "gemini/gemini-2.5-pro",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "text-embedding-3-small", "dashscope/qwen-plus-latest",
        "dashscope/qwen3-max", "gpt-4o-audio-preview",
    };

    @Provide
    Arbitrary<ModelPrice> prices() {
        return Arbitraries.of(MODELS).map(Fixtures::price);
    }

    @Property
    void cost_isNeverNegative_andTotalIsSumOfParts(@ForAll("prices") ModelPrice price, @ForAll ServiceTier tier,
            @ForAll @LongRange(max = 2_000_000) long prompt, @ForAll @LongRange(max = 3_000_000) long cacheRead,
            @ForAll @LongRange(max = 500_000) long write5m, @ForAll @LongRange(max = 500_000) long write1h,
            @ForAll @LongRange(max = 100_000) long audio, @ForAll @LongRange(max = 200_000) long completion,
            @ForAll @LongRange(max = 300_000) long reasoning) {
        Usage usage = new Usage(prompt, cacheRead, write5m, write1h, audio, completion, reasoning, false);
        CostBreakdown cost = CostCalculator.cost(price, usage, tier);
        assertTrue(cost.total().signum() >= 0);
        for (BigDecimal part : new BigDecimal[] {cost.input(), cost.cacheRead(), cost.cacheWrite(), cost.output(),
                cost.reasoning()}) {
            assertTrue(part.signum() >= 0);
        }
        assertEquals(0, cost.total().compareTo(cost.input().add(cost.cacheRead()).add(cost.cacheWrite())
                .add(cost.output()).add(cost.reasoning())));
        assertFalse(cost.toString().contains("E"), cost.toString());
    }

    /**
     * Adding tokens of any one kind never lowers the cost. Input parts stay below 32k in
     * total, under every threshold these models price; a cache read adds to the prompt too.
     */
    @Property
    void cost_isMonotoneInEachTokenCount_belowThresholds(@ForAll("prices") ModelPrice price, @ForAll ServiceTier tier,
            @ForAll @IntRange(max = 5000) int uncached, @ForAll @IntRange(max = 5000) int read,
            @ForAll @IntRange(max = 5000) int write5m, @ForAll @IntRange(max = 5000) int write1h,
            @ForAll @IntRange(max = 5000) int audio, @ForAll @IntRange(max = 50_000) int text,
            @ForAll @IntRange(max = 50_000) int reasoning, @ForAll @IntRange(min = 0, max = 6) int kind,
            @ForAll @IntRange(min = 1, max = 1000) int more) {
        int[] parts = {uncached, read, write5m, write1h, audio, text, reasoning};
        BigDecimal before = CostCalculator.cost(price, usageOf(parts), tier).total();
        parts[kind] += more;
        BigDecimal after = CostCalculator.cost(price, usageOf(parts), tier).total();
        assertTrue(after.compareTo(before) >= 0, () -> price.key() + " kind " + kind + ": " + before + " → " + after);
    }

    @Property
    void affordableOutputTokens_fitsBudget_andOneMoreTokenDoesNot(@ForAll("prices") ModelPrice price,
            @ForAll ServiceTier tier, @ForAll @IntRange(max = 400_000) int inputTokens,
            @ForAll("budgets") BigDecimal budget) {
        int tokens = CostPredictor.affordableOutputTokens(price, inputTokens, budget, tier);
        BigDecimal inputOnly = CostPredictor.worstCase(price, inputTokens, 0, tier);
        if (inputOnly.compareTo(budget) > 0) {
            assertEquals(0, tokens);
            return;
        }
        assertTrue(CostPredictor.worstCase(price, inputTokens, tokens, tier).compareTo(budget) <= 0);
        if (tokens < Integer.MAX_VALUE) {
            assertTrue(CostPredictor.worstCase(price, inputTokens, tokens + 1, tier).compareTo(budget) > 0);
        }
    }

    @Provide
    Arbitrary<BigDecimal> budgets() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("25")).ofScale(9);
    }

    private static Usage usageOf(int[] p) {
        long prompt = (long) p[0] + p[1] + p[2] + p[3] + p[4];
        return new Usage(prompt, p[1], p[2], p[3], p[4], (long) p[5] + p[6], p[6], false);
    }
}
