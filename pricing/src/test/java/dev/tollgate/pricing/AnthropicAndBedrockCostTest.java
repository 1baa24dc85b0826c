package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertCost;
import static dev.tollgate.pricing.Fixtures.assertMoney;
import static dev.tollgate.pricing.Fixtures.json;
import static dev.tollgate.pricing.Fixtures.price;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Anthropic and Bedrock entries of the real bundled map (USD per token):
 * claude-sonnet-4-5 3e-06 in, 3e-07 read, 3.75e-06 write, 1.5e-05 out; above 200k
 * 6e-06 / 6e-07 / 7.5e-06 / 2.25e-05; no 1-hour write rate.
 * claude-opus-4-5 5e-06 in, 5e-07 read, 6.25e-06 write (5 min), 1e-05 write (1 h), 2.5e-05 out.
 * us.anthropic.claude-sonnet-4-5-20250929-v1:0 (bedrock_converse) 3.3e-06 / 3.3e-07 / 4.125e-06 / 1.65e-05.
 */
class AnthropicAndBedrockCostTest {

    @Test
    void cost_claudeSonnet45_below200k_chargesCacheReadAndWrite() {
        // Anthropic usage: input 8,000 + read 1,000 + write 1,000 = prompt 10,000.
        // 8,000 × $3/M = 0.024; 1,000 × $0.30/M = 0.0003; 1,000 × $3.75/M = 0.00375; 500 × $15/M = 0.0075
        Usage usage = UsageParser.anthropic(json("""
                {"input_tokens":8000,"cache_read_input_tokens":1000,"cache_creation_input_tokens":1000,"output_tokens":500}"""));
        CostBreakdown cost = CostCalculator.cost(price("claude-sonnet-4-5"), usage);
        assertCost("0.03555", cost);
        assertMoney("0.00375", cost.cacheWrite());
    }

    @Test
    void cost_claudeSonnet45_exactly200k_staysOnBaseRates() {
        // 200,000 × $3/M = 0.6; 1,000 × $15/M = 0.015; total 0.615
        assertCost("0.615", CostCalculator.cost(price("claude-sonnet-4-5"), Usage.of(200_000, 1000)));
    }

    @Test
    void cost_claudeSonnet45_oneTokenAbove200k_usesLongContextRates() {
        // 200,001 × $6/M = 1.200006; 1,000 × $22.50/M = 0.0225; total 1.222506
        assertCost("1.222506", CostCalculator.cost(price("claude-sonnet-4-5"), Usage.of(200_001, 1000)));
    }

    @Test
    void cost_claudeSonnet45_above200k_appliesToAllTokenTypes() {
        // 50,000 × $6/M = 0.3; read 150,000 × $0.60/M = 0.09; write 50,000 × $7.50/M = 0.375;
        // out 2,000 × $22.50/M = 0.045; total 0.81
        Usage usage = new Usage(250_000, 150_000, 50_000, 0, 0, 2000, 0, false);
        assertCost("0.81", CostCalculator.cost(price("claude-sonnet-4-5"), usage));
    }

    @Test
    void cost_claudeSonnet45_cacheReadsCountTowardThreshold() {
        // input 10 + read 200,000 = prompt 200,010 > 200k:
        // 10 × $6/M = 0.00006; 200,000 × $0.60/M = 0.12; 100 × $22.50/M = 0.00225; total 0.12231
        Usage usage = UsageParser.anthropic(json("""
                {"input_tokens":10,"cache_read_input_tokens":200000,"output_tokens":100}"""));
        assertEquals(200_010, usage.promptTokens());
        assertCost("0.12231", CostCalculator.cost(price("claude-sonnet-4-5"), usage));
    }

    @Test
    void cost_claudeSonnet45Dated_sameRatesAsAlias() {
        // claude-sonnet-4-5-20250929: 1,000 × $3/M = 0.003; 1,000 × $15/M = 0.015; total 0.018
        assertCost("0.018", CostCalculator.cost(price("claude-sonnet-4-5-20250929"), Usage.of(1000, 1000)));
    }

    @Test
    void cost_claudeSonnet45_oneHourWriteWithoutRate_usesFiveMinuteRate() {
        // no cache_creation_input_token_cost_above_1hr: 1,000 × $3.75/M = 0.00375
        Usage usage = new Usage(1000, 0, 0, 1000, 0, 0, 0, false);
        assertCost("0.00375", CostCalculator.cost(price("claude-sonnet-4-5"), usage));
    }

    @Test
    void cost_claudeOpus45_oneHourCacheWrites_useOneHourRate() {
        // input 2,000 × $5/M = 0.01; 5-min 4,000 × $6.25/M = 0.025; 1-h 6,000 × $10/M = 0.06;
        // out 1,000 × $25/M = 0.025; total 0.12
        Usage usage = UsageParser.anthropic(json("""
                {"input_tokens":2000,"cache_creation_input_tokens":10000,
                 "cache_creation":{"ephemeral_5m_input_tokens":4000,"ephemeral_1h_input_tokens":6000},
                 "output_tokens":1000}"""));
        CostBreakdown cost = CostCalculator.cost(price("claude-opus-4-5"), usage);
        assertCost("0.12", cost);
        assertMoney("0.085", cost.cacheWrite());
    }

    @Test
    void cost_claudeOpus45_cacheReads_chargeTenthOfInput() {
        // 1,000 × $5/M = 0.005; read 99,000 × $0.50/M = 0.0495; 2,000 × $25/M = 0.05; total 0.1045
        assertCost("0.1045", CostCalculator.cost(price("claude-opus-4-5"), Fixtures.usage(100_000, 99_000, 2000, 0)));
    }

    @Test
    void cost_claudeOpus45_noThresholdPriced_staysOnBaseAbove200k() {
        // 250,000 × $5/M = 1.25
        assertCost("1.25", CostCalculator.cost(price("claude-opus-4-5"), Usage.of(250_000, 0)));
    }

    @Test
    void cost_bedrockConverseUsage_usRegionSonnet45_chargesRegionalRates() {
        // inputTokens 1,000 excludes cache: prompt 3,500.
        // 1,000 × $3.30/M = 0.0033; read 2,000 × $0.33/M = 0.00066; write 500 × $4.125/M = 0.0020625;
        // out 300 × $16.50/M = 0.00495; total 0.0109725
        Usage usage = UsageParser.bedrockConverse(Fixtures.sample("bedrock-converse.json"));
        ModelPrice price = PriceCatalog.bundled()
                .resolve("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", null)
                .orElseThrow();
        assertEquals("bedrock_converse", price.provider());
        assertCost("0.0109725", CostCalculator.cost(price, usage));
    }

    @Test
    void cost_bedrockGlobalProfile_chargesGlobalRates() {
        // global.anthropic… 3e-06 / 1.5e-05: 1,000 × $3/M = 0.003; 1,000 × $15/M = 0.015; total 0.018
        ModelPrice price = PriceCatalog.bundled()
                .resolve("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", null)
                .orElseThrow();
        assertCost("0.018", CostCalculator.cost(price, Usage.of(1000, 1000)));
    }

    @Test
    void cost_bedrockSonnet45_above200k_usesRegionalLongContextRates() {
        // us. profile above 200k: 210,000 × $6.60/M = 1.386; 1,000 × $24.75/M = 0.02475; total 1.41075
        assertCost(
                "1.41075",
                CostCalculator.cost(price("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), Usage.of(210_000, 1000)));
    }
}
