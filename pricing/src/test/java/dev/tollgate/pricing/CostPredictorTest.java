package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertMoney;
import static dev.tollgate.pricing.Fixtures.json;
import static dev.tollgate.pricing.Fixtures.price;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pre-call prediction, worst case and max_tokens clamping on real bundled entries. */
class CostPredictorTest {

    private static final String HI = "[{\"role\":\"user\",\"content\":\"Hi\"}]"; // 8 tokens (see TokenCounterTest)

    @Test
    void predict_gpt4oMini_cookbookMessages_withMaxTokens() {
        Prediction p = CostPredictor.predict(
                price("gpt-4o-mini"),
                json("{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":" + TokenCounterTest.COOKBOOK_MESSAGES
                        + "}"));
        assertEquals(124, p.inputTokens());
        assertEquals(100, p.maxOutputTokens());
        // non-reasoning: min(100, max(256, 25)) = 100
        assertEquals(100, p.estimatedOutputTokens());
        // 124 × $0.15/M = 0.0000186; 100 × $0.60/M = 0.00006; total 0.0000786
        assertMoney("0.0000186", p.inputCostUsd());
        assertMoney("0.00006", p.estimatedOutputCostUsd());
        assertMoney("0.0000786", p.totalEstimatedCostUsd());
        assertMoney("0.0000786", p.maxCostUsd());
    }

    @Test
    void predict_gpt5_noMaxTokens_usesModelMaxAndReasoningShare() {
        Prediction p = CostPredictor.predict(price("gpt-5"), json("{\"messages\":" + HI + "}"));
        assertEquals(8, p.inputTokens());
        assertEquals(128_000, p.maxOutputTokens());
        assertEquals(96_000, p.estimatedOutputTokens()); // 75% of 128,000
        // 8 × $1.25/M = 0.00001; 96,000 × $10/M = 0.96; max 128,000 × $10/M = 1.28
        assertMoney("0.96001", p.totalEstimatedCostUsd());
        assertMoney("1.28001", p.maxCostUsd());
    }

    @Test
    void predict_maxCompletionTokens_winsOverMaxTokens_andPriorityTierApplies() {
        Prediction p = CostPredictor.predict(
                price("gpt-4o-mini"),
                json("{\"max_completion_tokens\":1000,\"max_tokens\":50,\"service_tier\":\"priority\",\"messages\":"
                        + HI + "}"));
        assertEquals(1000, p.maxOutputTokens());
        assertEquals(256, p.estimatedOutputTokens()); // max(256, 250)
        // 8 × $0.25/M = 0.000002; 1,000 × $1/M = 0.001; worst case 0.001002
        assertMoney("0.001002", p.maxCostUsd());
    }

    @Test
    void predict_nChoices_multipliesOutput() {
        Prediction p = CostPredictor.predict(
                price("gpt-4o-mini"), json("{\"n\":3,\"max_tokens\":100,\"messages\":" + HI + "}"));
        assertEquals(300, p.maxOutputTokens());
        assertEquals(300, p.estimatedOutputTokens());
        // 8 × $0.15/M = 0.0000012; 3 × 100 × $0.60/M = 0.00018; worst case 0.0001812
        assertMoney("0.0001812", p.maxCostUsd());
    }

    @Test
    void predict_modelWithoutMaxOutput_assumes4096() {
        ModelPrice bare = PriceCatalog.bundled()
                .withOverrides(
                        Map.of("acme/tiny", Map.of("input_cost_per_token", "1e-06", "output_cost_per_token", "2e-06")))
                .find("acme/tiny")
                .orElseThrow();
        Prediction p = CostPredictor.predict(bare, json("{\"prompt\":\"Hi\"}"));
        assertEquals(4096, p.maxOutputTokens());
        assertEquals(1024, p.estimatedOutputTokens()); // 25% of 4,096
        // "Hi" = 1 token × $1/M = 0.000001; 4,096 × $2/M = 0.008192; worst case 0.008193
        assertMoney("0.008193", p.maxCostUsd());
    }

    @Test
    void predict_embeddings_hasNoOutput() {
        Prediction p = CostPredictor.predict(
                price("text-embedding-3-small"), json("{\"input\":[\"tiktoken is great!\",\"tiktoken is great!\"]}"));
        assertEquals(12, p.inputTokens()); // 6 + 6
        assertEquals(0, p.maxOutputTokens());
        // 12 × $0.02/M = 0.00000024
        assertMoney("0.00000024", p.maxCostUsd());
    }

    @Test
    void worstCase_claudeSonnet45_above200k_usesLongContextRates() {
        // 250,000 × $6/M = 1.5; 1,000 × $22.50/M = 0.0225; total 1.5225
        assertMoney("1.5225", CostPredictor.worstCase(price("claude-sonnet-4-5"), 250_000, 1000, ServiceTier.STANDARD));
    }

    @Test
    void worstCase_reasoningDearerThanOutput_usesReasoningRate() {
        // qwen-plus-latest: 1,000 × $0.40/M = 0.0004; 1,000 × $4/M (reasoning) = 0.004; total 0.0044
        assertMoney(
                "0.0044",
                CostPredictor.worstCase(price("dashscope/qwen-plus-latest"), 1000, 1000, ServiceTier.STANDARD));
    }

    @Test
    void affordableOutputTokens_gpt4oMini_floorsToWholeTokens() {
        // input 1,000 × $0.15/M = 0.00015; left 0.00085 / $0.60/M = 1,416.67 → 1,416
        ModelPrice mini = price("gpt-4o-mini");
        BigDecimal budget = new BigDecimal("0.001");
        assertEquals(1416, CostPredictor.affordableOutputTokens(mini, 1000, budget, ServiceTier.STANDARD));
        assertMoney("0.0009996", CostPredictor.worstCase(mini, 1000, 1416, ServiceTier.STANDARD));
        assertMoney("0.0010002", CostPredictor.worstCase(mini, 1000, 1417, ServiceTier.STANDARD));
    }

    @Test
    void affordableOutputTokens_exactFit_isIncluded() {
        // 0.00075 − 0.00015 = 0.0006 = exactly 1,000 × $0.60/M
        assertEquals(
                1000,
                CostPredictor.affordableOutputTokens(
                        price("gpt-4o-mini"), 1000, new BigDecimal("0.00075"), ServiceTier.STANDARD));
    }

    @Test
    void affordableOutputTokens_inputAloneDoesNotFit_isZero() {
        assertEquals(
                0,
                CostPredictor.affordableOutputTokens(
                        price("gpt-4o-mini"), 1000, new BigDecimal("0.0001"), ServiceTier.STANDARD));
        assertEquals(
                0,
                CostPredictor.affordableOutputTokens(
                        price("gpt-4o-mini"), 1000, new BigDecimal("-1"), ServiceTier.STANDARD));
    }
}
