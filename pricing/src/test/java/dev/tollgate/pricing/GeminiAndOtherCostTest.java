package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertCost;
import static dev.tollgate.pricing.Fixtures.assertMoney;
import static dev.tollgate.pricing.Fixtures.price;
import static dev.tollgate.pricing.Fixtures.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Gemini, DashScope tiered pricing and per-second entries of the real bundled map (USD):
 * gemini/gemini-2.5-pro 1.25e-06 in, 1.25e-07 cached, 1e-05 out; above 200k 2.5e-06 /
 * 2.5e-07 / 1.5e-05; _priority variants equal. dashscope/qwen3-max tiered_pricing
 * 0–32k 1.2e-06 / 6e-06, 32k–128k 2.4e-06 / 1.2e-05, 128k–252k 3e-06 / 1.5e-05.
 * dashscope/qwen-plus-latest 0–256k 4e-07 in, 1.2e-06 out, 4e-06 reasoning; above 256k
 * 1.2e-06 / 3.6e-06 / 1.2e-05. whisper-1 1e-04 per second; assemblyai/best 3.333e-05 per second.
 */
class GeminiAndOtherCostTest {

    @Test
    void cost_gemini25Pro_below200k_chargesCachedAndThoughts() {
        // usageMetadata sample: prompt 100,000 (20,000 cached), candidates 500 + thoughts 1,500.
        // uncached 80,000 × $1.25/M = 0.1; cached 20,000 × $0.125/M = 0.0025;
        // out 500 × $10/M = 0.005; thoughts 1,500 × $10/M = 0.015; total 0.1225
        Usage usage = UsageParser.gemini(Fixtures.sample("gemini-generate-content.json"));
        CostBreakdown cost = CostCalculator.cost(price("gemini/gemini-2.5-pro"), usage);
        assertCost("0.1225", cost);
        assertMoney("0.015", cost.reasoning());
    }

    @Test
    void cost_gemini25Pro_above200k_usesLongContextRates() {
        // 300,000 × $2.50/M = 0.75; 1,000 × $15/M = 0.015; total 0.765
        assertCost("0.765", CostCalculator.cost(price("gemini/gemini-2.5-pro"), Usage.of(300_000, 1000)));
    }

    @Test
    void cost_gemini25Pro_above200kWithCache_appliesToAllTokenTypes() {
        // uncached 200,000 × $2.50/M = 0.5; cached 50,000 × $0.25/M = 0.0125;
        // out 6,000 × $15/M = 0.09; thoughts 4,000 × $15/M = 0.06; total 0.6625
        assertCost("0.6625", CostCalculator.cost(price("gemini/gemini-2.5-pro"), usage(250_000, 50_000, 10_000, 4000)));
    }

    @Test
    void cost_gemini25Pro_priorityAbove200k_usesTierThresholdVariant() {
        // input_cost_per_token_above_200k_tokens_priority 2.5e-06 × 210,000 = 0.525; 100 × 1.5e-05 = 0.0015
        assertCost(
                "0.5265",
                CostCalculator.cost(price("gemini/gemini-2.5-pro"), Usage.of(210_000, 100), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gemini25Pro_exactly200k_staysOnBaseRate() {
        // 200,000 × $1.25/M = 0.25
        assertCost("0.25", CostCalculator.cost(price("gemini/gemini-2.5-pro"), Usage.of(200_000, 0)));
    }

    @Test
    void cost_qwen3Max_firstTieredRange_usesBaseRates() {
        // 10,000 × $1.2/M = 0.012; 1,000 × $6/M = 0.006; total 0.018
        assertCost("0.018", CostCalculator.cost(price("dashscope/qwen3-max"), Usage.of(10_000, 1000)));
    }

    @Test
    void cost_qwen3Max_secondTieredRange_usesAbove32kRates() {
        // 50,000 × $2.4/M = 0.12; 1,000 × $12/M = 0.012; total 0.132
        assertCost("0.132", CostCalculator.cost(price("dashscope/qwen3-max"), Usage.of(50_000, 1000)));
    }

    @Test
    void cost_qwen3Max_thirdTieredRange_picksHighestCrossedThreshold() {
        // 130,000 × $3/M = 0.39; 1,000 × $15/M = 0.015; total 0.405
        assertCost("0.405", CostCalculator.cost(price("dashscope/qwen3-max"), Usage.of(130_000, 1000)));
    }

    @Test
    void cost_qwenPlus_reasoningPricedSeparately_usesReasoningRate() {
        // 1,000 × $0.4/M = 0.0004; text out 500 × $1.2/M = 0.0006; reasoning 1,500 × $4/M = 0.006
        CostBreakdown cost = CostCalculator.cost(price("dashscope/qwen-plus-latest"), usage(1000, 0, 2000, 1500));
        assertCost("0.007", cost);
        assertMoney("0.006", cost.reasoning());
    }

    @Test
    void cost_qwenPlus_above256k_usesThresholdReasoningRate() {
        // 300,000 × $1.2/M = 0.36; reasoning 1,000 × $12/M = 0.012; total 0.372
        assertCost("0.372", CostCalculator.cost(price("dashscope/qwen-plus-latest"), usage(300_000, 0, 1000, 1000)));
    }

    @Test
    void perSecond_whisper1_ninetySeconds() {
        // $0.0001/s × 90 s = 0.009 (output_cost_per_second not added)
        assertCost("0.009", CostCalculator.perSecond(price("whisper-1"), Duration.ofSeconds(90)));
    }

    @Test
    void perSecond_roundsToTwelvePlacesHalfUp() {
        // 3.333e-05 × 1.000000001 s = 0.00003333000003333 → 12 places 0.000033330000 → 0.00003333
        CostBreakdown cost = CostCalculator.perSecond(price("assemblyai/best"), Duration.ofSeconds(1, 1));
        assertCost("0.00003333", cost);
    }

    @Test
    void perSecond_exactTieAtThirteenthPlace_roundsUp() {
        // $0.0001/s × 0.000000005 s = 0.0000000000005 (a tie) → HALF_UP 0.000000000001
        // $0.0001/s × 0.000000004 s = 0.0000000000004 → 0
        ModelPrice price = price("whisper-1");
        assertCost("0.000000000001", CostCalculator.perSecond(price, Duration.ofNanos(5)));
        assertCost("0", CostCalculator.perSecond(price, Duration.ofNanos(4)));
    }

    @Test
    void perSecond_tokenPricedModel_isZero() {
        assertEquals(CostBreakdown.zero(), CostCalculator.perSecond(price("gpt-4o-mini"), Duration.ofSeconds(10)));
    }
}
