package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.price;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading the bundled map and resolving the names clients send. */
class PriceCatalogTest {

    private final PriceCatalog catalog = PriceCatalog.bundled();

    @Test
    void bundled_loadsEveryEntryButSampleSpec_once() {
        // the snapshot has 2,582 entries, one of them sample_spec
        assertEquals(2581, catalog.size());
        assertTrue(catalog.find("sample_spec").isEmpty());
        assertSame(catalog, PriceCatalog.bundled());
        assertTrue(catalog.all().stream().allMatch(p -> p.source() == ModelPrice.Source.BUNDLED));
    }

    @Test
    void bundled_parsesExponentNumbersAsExactDecimals() {
        // "input_cost_per_token": 1.5e-07 is exactly 0.00000015, not a binary double
        ModelPrice mini = price("gpt-4o-mini");
        assertEquals("0.00000015", mini.inputCostPerToken().toPlainString());
        assertEquals("0.000000075", mini.cacheReadCostPerToken().toPlainString());
        assertEquals("0.0000006", mini.outputCostPerToken().toPlainString());
    }

    @Test
    void bundled_readsMetadataAndTiers() {
        ModelPrice gpt5 = price("gpt-5");
        assertEquals("openai", gpt5.provider());
        assertEquals("chat", gpt5.mode());
        assertEquals(272_000, gpt5.maxInputTokens());
        assertEquals(128_000, gpt5.maxOutputTokens());
        assertTrue(gpt5.supportsReasoning());
        assertEquals("0.000000625", gpt5.rate("input_cost_per_token_flex").toPlainString());
        assertArrayEquals(new int[] {200_000}, price("claude-sonnet-4-5").thresholds());
        assertEquals(
                "0.00001", price("claude-opus-4-5").cacheWrite1hCostPerToken().toPlainString());
    }

    @Test
    void bundled_maxOutputFallsBackToMaxTokens() {
        // text-embedding-3-small has max_tokens 8191 and no max_output_tokens
        assertEquals(8191, price("text-embedding-3-small").maxOutputTokens());
        assertFalse(price("gpt-4o-mini").supportsReasoning());
    }

    @Test
    void find_isCaseInsensitiveAsFallback() {
        assertEquals("gpt-4o-mini", catalog.find("GPT-4o-Mini").orElseThrow().key());
    }

    @Test
    void find_unknownModel_isEmpty() {
        assertTrue(catalog.find("gpt-99-ultra").isEmpty());
        assertTrue(catalog.resolve("openai", "gpt-99-ultra", null).isEmpty());
        assertTrue(catalog.resolve(null, null, null).isEmpty());
    }

    @ParameterizedTest(name = "{0} / {1} / {2} → {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "openai,    gpt-4o,                                           -,           gpt-4o",
                "-,         openai/gpt-4o,                                    -,           gpt-4o",
                "openai,    gpt-4o,                                           gpt-4o-mini, gpt-4o-mini",
                "gemini,    gemini-2.5-pro,                                   -,           gemini/gemini-2.5-pro",
                "google,    models/gemini-2.5-pro,                            -,           gemini/gemini-2.5-pro",
                "vertex_ai, gemini-2.5-pro,                                   -,           gemini-2.5-pro",
                "vertex_ai, claude-sonnet-4-5@20250929,                       -,           vertex_ai/claude-sonnet-4-5@20250929",
                "-,         claude-opus-4-5@20251101,                         -,           claude-opus-4-5-20251101",
                "azure,     gpt-4o-mini,                                      -,           azure/gpt-4o-mini",
                "azure,     my-prod-deployment,                               gpt-4o-mini, azure/gpt-4o-mini",
                "anthropic, claude-sonnet-4-5,                                -,           claude-sonnet-4-5",
                "-,         anthropic/claude-sonnet-4-5-20250929,             -,           claude-sonnet-4-5-20250929",
                "bedrock,   us.anthropic.claude-sonnet-4-5-20250929-v1:0,     -,           us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "bedrock,   apac.anthropic.claude-sonnet-4-5-20250929-v1:0,   -,           anthropic.claude-sonnet-4-5-20250929-v1:0",
                "-,         bedrock/us-west-2/us.anthropic.claude-sonnet-4-5-20250929-v1:0, -, us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "-,         bedrock/us-east-1/anthropic.claude-v2:1,          -,           bedrock/us-east-1/anthropic.claude-v2:1",
                "openai,    ft:gpt-4o-mini-2024-07-18:acme::AbC123,           -,           ft:gpt-4o-mini-2024-07-18",
            })
    void resolve_routeForms_findTheCatalogueKey(String provider, String model, String baseModel, String key) {
        Optional<ModelPrice> price = catalog.resolve(provider, model, baseModel);
        assertEquals(key, price.map(ModelPrice::key).orElse("<none>"));
    }

    @Test
    void fromFile_newerMap_replacesBundledWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"sample_spec": {"input_cost_per_token": 0.0, "max_tokens": "LEGACY"},
                 "gpt-4o-mini": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                                 "litellm_provider": "openai", "mode": "chat"}}""");
        PriceCatalog newer = PriceCatalog.fromFile(file);
        assertEquals(1, newer.size());
        assertTrue(newer.find("gpt-4o").isEmpty());
        ModelPrice mini = newer.find("gpt-4o-mini").orElseThrow();
        assertEquals(ModelPrice.Source.FILE, mini.source());
        // 1,000 × $1/M = 0.001; 1,000 × $2/M = 0.002; total 0.003
        Fixtures.assertCost("0.003", CostCalculator.cost(mini, Usage.of(1000, 1000)));
    }

    @Test
    void fromJson_notAnObject_isRejected() {
        assertThrows(
                IOException.class,
                () -> PriceCatalog.fromJson(
                        new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), ModelPrice.Source.FILE));
    }

    @Test
    void fromJson_negativeCost_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PriceCatalog.fromJson(
                        new ByteArrayInputStream(
                                "{\"m\":{\"input_cost_per_token\":-1e-06}}".getBytes(StandardCharsets.UTF_8)),
                        ModelPrice.Source.FILE));
    }
}
