package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertCost;
import static dev.tollgate.pricing.Fixtures.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration overrides on top of the bundled map, as a YAML loader would hand them over. */
class OverridesTest {

    private final PriceCatalog bundled = PriceCatalog.bundled();

    @Test
    void withOverrides_changesOnlyNamedFields_andLeavesOriginalUntouched() {
        PriceCatalog custom = bundled.withOverrides(
                Map.of("gpt-4o-mini", Map.of("input_cost_per_token", "0.000001", "output_cost_per_token", 2e-06)));
        ModelPrice mini = custom.find("gpt-4o-mini").orElseThrow();
        assertEquals(ModelPrice.Source.OVERRIDE, mini.source());
        // 1,000 × $1/M = 0.001; 1,000 × $2/M = 0.002; total 0.003
        assertCost("0.003", CostCalculator.cost(mini, Usage.of(1000, 1000)));
        // cache read untouched: 1,000 cached × $0.075/M = 0.000075
        assertMoney(
                "0.000075",
                CostCalculator.cost(mini, Fixtures.usage(1000, 1000, 0, 0)).total());
        // the bundled catalogue is unchanged: 1,000 × $0.15/M + 1,000 × $0.60/M = 0.00075
        assertCost("0.00075", CostCalculator.cost(bundled.find("gpt-4o-mini").orElseThrow(), Usage.of(1000, 1000)));
        assertEquals(bundled.size(), custom.size());
    }

    @Test
    void withOverrides_freeTrue_givesZeroCostAndIsReportedFree() {
        PriceCatalog custom = bundled.withOverrides(Map.of("gpt-5", Map.of("free", true)));
        ModelPrice gpt5 = custom.find("gpt-5").orElseThrow();
        assertTrue(gpt5.free());
        assertTrue(gpt5.isPriced());
        assertEquals(CostBreakdown.zero(), CostCalculator.cost(gpt5, Fixtures.usage(100_000, 5000, 9000, 4000)));
        assertEquals(
                0,
                CostPredictor.worstCase(gpt5, 1000, 1000, ServiceTier.PRIORITY).signum());
        assertEquals(
                Integer.MAX_VALUE,
                CostPredictor.affordableOutputTokens(gpt5, 1000, BigDecimal.ZERO, ServiceTier.STANDARD));
    }

    @Test
    void withOverrides_freeAsString_isAccepted() {
        ModelPrice local = bundled.withOverrides(Map.of("ollama/llama3", Map.of("free", "true")))
                .find("ollama/llama3")
                .orElseThrow();
        assertTrue(local.free());
    }

    @Test
    void withOverrides_newModel_isAddedAndPriced() {
        PriceCatalog custom = bundled.withOverrides(Map.of(
                "acme/llama-70b",
                Map.of(
                        "input_cost_per_token",
                        "1e-7",
                        "output_cost_per_token",
                        0.0000002,
                        "litellm_provider",
                        "acme")));
        ModelPrice llama = custom.resolve("acme", "llama-70b", null).orElseThrow();
        // 10,000 × $0.10/M = 0.001; 5,000 × $0.20/M = 0.001; total 0.002
        assertCost("0.002", CostCalculator.cost(llama, Usage.of(10_000, 5000)));
        assertEquals(bundled.size() + 1, custom.size());
    }

    @Test
    void withOverrides_cacheHitAlias_pricesCachedTokens() {
        // DeepSeek-style input_cost_per_token_cache_hit without cache_read_input_token_cost:
        // uncached 1,000 × $0.28/M = 0.00028; cached 1,000 × $0.028/M = 0.000028; total 0.000308
        ModelPrice ds = bundled.withOverrides(Map.of(
                        "ds", Map.of("input_cost_per_token", "2.8e-07", "input_cost_per_token_cache_hit", "2.8e-08")))
                .find("ds")
                .orElseThrow();
        assertCost("0.000308", CostCalculator.cost(ds, Fixtures.usage(2000, 1000, 0, 0)));
    }

    @Test
    void withOverrides_nullValue_removesField() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("cache_read_input_token_cost", null);
        ModelPrice mini = bundled.withOverrides(Map.of("gpt-4o-mini", fields))
                .find("gpt-4o-mini")
                .orElseThrow();
        // no cache-read rate left: cached tokens priced at input, 1,000 × $0.15/M = 0.00015
        assertCost("0.00015", CostCalculator.cost(mini, Fixtures.usage(1000, 1000, 0, 0)));
    }

    @Test
    void withOverrides_newModelWithoutPrice_isRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> bundled.withOverrides(Map.of("mystery", Map.of("mode", "chat"))));
    }

    @Test
    void withOverrides_badNumber_isRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> bundled.withOverrides(Map.of("gpt-4o", Map.of("input_cost_per_token", "cheap"))));
        assertTrue(e.getMessage().contains("input_cost_per_token"));
        assertFalse(e.getMessage().isBlank());
    }
}
