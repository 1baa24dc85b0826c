package dev.tollgate.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** Shared test helpers: the real bundled catalogue, JSON samples and money assertions. */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Fixtures() {}

    /** A real entry of the bundled LiteLLM map; fails the test if the key is missing. */
    static ModelPrice price(String key) {
        return PriceCatalog.bundled().find(key).orElseThrow(() -> new AssertionError("bundled map has no " + key));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample under src/test/resources/usage/. */
    static JsonNode sample(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/usage/" + name)) {
            if (in == null) {
                throw new AssertionError("missing sample " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The total equals {@code expected} in value and prints exactly as written. */
    static void assertCost(String expected, CostBreakdown cost) {
        assertMoney(expected, cost.total());
        assertEquals(expected, cost.toString(), "plain-string total");
    }

    static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(
                0,
                new BigDecimal(expected).compareTo(actual),
                () -> "expected " + expected + " but was " + actual.toPlainString());
    }

    static Usage usage(long prompt, long cacheRead, long completion, long reasoning) {
        return new Usage(prompt, cacheRead, 0, 0, 0, completion, reasoning, false);
    }
}
