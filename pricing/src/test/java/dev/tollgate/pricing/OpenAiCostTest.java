package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertCost;
import static dev.tollgate.pricing.Fixtures.assertMoney;
import static dev.tollgate.pricing.Fixtures.price;
import static dev.tollgate.pricing.Fixtures.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * OpenAI entries of the real bundled map. Rates (USD per token) quoted from the JSON:
 * gpt-4o-mini 1.5e-07 in, 7.5e-08 cached, 6e-07 out; priority 2.5e-07 / 1.25e-07 / 1e-06;
 * batches 7.5e-08 / 3e-07. gpt-5 1.25e-06 / 1.25e-07 / 1e-05; flex 6.25e-07 / 6.25e-08 /
 * 5e-06; priority 2.5e-06 / 2.5e-07 / 2e-05. o3 2e-06 / 5e-07 / 8e-06; flex 1e-06 / 2.5e-07 /
 * 4e-06; priority 3.5e-06 / 8.75e-07 / 1.4e-05.
 */
class OpenAiCostTest {

    @Test
    void cost_gpt4oMini_plain_chargesInputAndOutput() {
        // $0.15/M × 1,000 = 0.00015; $0.60/M × 500 = 0.0003; total 0.00045
        CostBreakdown cost = CostCalculator.cost(price("gpt-4o-mini"), Usage.of(1000, 500));
        assertCost("0.00045", cost);
        assertMoney("0.00015", cost.input());
        assertMoney("0.0003", cost.output());
    }

    @Test
    void cost_gpt4oMini_withCachedTokens_chargesCacheRate() {
        // uncached 500 × $0.15/M = 0.000075; cached 1,500 × $0.075/M = 0.0001125;
        // out 100 × $0.60/M = 0.00006; total 0.0002475
        CostBreakdown cost = CostCalculator.cost(price("gpt-4o-mini"), usage(2000, 1500, 100, 0));
        assertCost("0.0002475", cost);
        assertMoney("0.000075", cost.input());
        assertMoney("0.0001125", cost.cacheRead());
    }

    @Test
    void cost_gpt4oMini_priorityTier_usesPriorityRates() {
        // 1,000 × $0.25/M = 0.00025; 1,000 × $1.00/M = 0.001; total 0.00125
        assertCost("0.00125", CostCalculator.cost(price("gpt-4o-mini"), Usage.of(1000, 1000), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gpt4oMini_priorityTierWithCache_usesPriorityCacheRate() {
        // uncached 600 × $0.25/M = 0.00015; cached 400 × $0.125/M = 0.00005; total 0.0002
        assertCost("0.0002", CostCalculator.cost(price("gpt-4o-mini"), usage(1000, 400, 0, 0), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gpt4oMini_batchTier_usesBatchRates() {
        // 10,000 × $0.075/M = 0.00075; 2,000 × $0.30/M = 0.0006; total 0.00135
        assertCost("0.00135", CostCalculator.cost(price("gpt-4o-mini"), Usage.of(10_000, 2000), ServiceTier.BATCH));
    }

    @Test
    void cost_gpt4oMini_flexNotPriced_fallsBackToStandard() {
        // no *_flex fields: 1,000 × $0.15/M + 500 × $0.60/M = 0.00045
        assertCost("0.00045", CostCalculator.cost(price("gpt-4o-mini"), Usage.of(1000, 500), ServiceTier.FLEX));
    }

    @Test
    void cost_gpt4oMini_oneMillionEach_isExact() {
        // 1,000,000 × $0.15/M = 0.15; 1,000,000 × $0.60/M = 0.6; total 0.75
        assertCost("0.75", CostCalculator.cost(price("gpt-4o-mini"), Usage.of(1_000_000, 1_000_000)));
    }

    @Test
    void cost_zeroUsage_isZero() {
        assertCost("0", CostCalculator.cost(price("gpt-4o-mini"), Usage.ZERO));
    }

    @Test
    void cost_cachedLargerThanPrompt_isCappedNeverNegative() {
        // cached 500 capped to prompt 100: 100 × $0.075/M = 0.0000075; uncached 0
        CostBreakdown cost = CostCalculator.cost(price("gpt-4o-mini"), usage(100, 500, 0, 0));
        assertCost("0.0000075", cost);
        assertMoney("0", cost.input());
    }

    @Test
    void cost_gpt5_reasoningTokens_pricedAsOutput() {
        // 1,000 × $1.25/M = 0.00125; text out 1,000 × $10/M = 0.01; reasoning 2,000 × $10/M = 0.02
        CostBreakdown cost = CostCalculator.cost(price("gpt-5"), usage(1000, 0, 3000, 2000));
        assertCost("0.03125", cost);
        assertMoney("0.02", cost.reasoning());
        assertMoney("0.01", cost.output());
    }

    @Test
    void cost_gpt5_flexTier_halvesEveryRate() {
        // uncached 2,000 × $0.625/M = 0.00125; cached 8,000 × $0.0625/M = 0.0005;
        // out 500 × $5/M = 0.0025; reasoning 500 × $5/M = 0.0025; total 0.00675
        assertCost("0.00675", CostCalculator.cost(price("gpt-5"), usage(10_000, 8000, 1000, 500), ServiceTier.FLEX));
    }

    @Test
    void cost_gpt5_priorityTier_doublesRates() {
        // 1,000 × $2.50/M = 0.0025; 1,000 × $20/M = 0.02; total 0.0225
        assertCost("0.0225", CostCalculator.cost(price("gpt-5"), Usage.of(1000, 1000), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gpt5_batchNotPriced_fallsBackToStandard() {
        // 1,000 × $1.25/M = 0.00125; 1,000 × $10/M = 0.01; total 0.01125
        assertCost("0.01125", CostCalculator.cost(price("gpt-5"), Usage.of(1000, 1000), ServiceTier.BATCH));
    }

    @Test
    void cost_gpt5_reasoningLargerThanCompletion_isCapped() {
        // reasoning 500 capped to completion 100: 100 × $10/M = 0.001
        CostBreakdown cost = CostCalculator.cost(price("gpt-5"), usage(0, 0, 100, 500));
        assertCost("0.001", cost);
        assertMoney("0", cost.output());
    }

    @Test
    void cost_o3_withCacheAndReasoning_chargesEachPart() {
        // uncached 4,000 × $2/M = 0.008; cached 1,000 × $0.50/M = 0.0005;
        // out 500 × $8/M = 0.004; reasoning 3,500 × $8/M = 0.028; total 0.0405
        assertCost("0.0405", CostCalculator.cost(price("o3"), usage(5000, 1000, 4000, 3500)));
    }

    @Test
    void cost_o3_flexTier_usesFlexRates() {
        // 1,000 × $1/M = 0.001; 1,000 × $4/M = 0.004; total 0.005
        assertCost("0.005", CostCalculator.cost(price("o3"), Usage.of(1000, 1000), ServiceTier.FLEX));
    }

    @Test
    void cost_o3_priorityTierWithCache_usesPriorityRates() {
        // uncached 1,000 × $3.50/M = 0.0035; cached 1,000 × $0.875/M = 0.000875;
        // out 100 × $14/M = 0.0014; total 0.005775
        assertCost("0.005775", CostCalculator.cost(price("o3"), usage(2000, 1000, 100, 0), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gpt54_priorityAbove272k_usesTierAndThresholdCombo() {
        // input_cost_per_token_above_272k_tokens_priority 1e-05 × 200,000 = 2;
        // cached 100,000 × 1e-06 = 0.1; out 1,000 × 3.375e-05 = 0.03375; total 2.13375
        assertCost(
                "2.13375",
                CostCalculator.cost(price("gpt-5.4"), usage(300_000, 100_000, 1000, 0), ServiceTier.PRIORITY));
    }

    @Test
    void cost_gpt54_oneTokenAbove272k_usesThresholdRate() {
        // 272,001 × $5/M (above_272k) = 1.360005
        assertCost("1.360005", CostCalculator.cost(price("gpt-5.4"), Usage.of(272_001, 0)));
    }

    @Test
    void cost_gpt54_exactly272k_staysOnBaseRate() {
        // threshold is "above": 272,000 × $2.50/M = 0.68
        assertCost("0.68", CostCalculator.cost(price("gpt-5.4"), Usage.of(272_000, 0)));
    }

    @Test
    void cost_gpt54_flexAbove272kWithoutFlexVariant_paysStandardThresholdRate() {
        // no input_cost_per_token_above_272k_tokens_flex: 300,000 × $5/M = 1.5 (never the cheaper base)
        assertCost("1.5", CostCalculator.cost(price("gpt-5.4"), Usage.of(300_000, 0), ServiceTier.FLEX));
    }

    @Test
    void cost_gpt4oAudioPreview_audioTokens_useAudioRate() {
        // text 500 × $2.50/M = 0.00125; audio 1,000 × $40/M = 0.04; out 100 × $10/M = 0.001; total 0.04225
        Usage usage = Usage.of(1500, 100).withAudioInput(1000);
        assertCost("0.04225", CostCalculator.cost(price("gpt-4o-audio-preview"), usage));
    }

    @Test
    void cost_textEmbedding3Small_chargesInputOnly() {
        // 10,000 × $0.02/M = 0.0002
        CostBreakdown cost = CostCalculator.cost(price("text-embedding-3-small"), Usage.of(10_000, 0));
        assertCost("0.0002", cost);
        assertEquals(cost.input(), cost.total());
    }

    @Test
    void cost_textEmbedding3Small_batchTier_halvesRate() {
        // 1,000,000 × $0.01/M = 0.01
        assertCost(
                "0.01",
                CostCalculator.cost(price("text-embedding-3-small"), Usage.of(1_000_000, 0), ServiceTier.BATCH));
    }
}
