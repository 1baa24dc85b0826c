package dev.tollgate.gateway.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.pricing.Usage;
import dev.tollgate.pricing.UsageParser;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI usage object this provider writes must price like Anthropic's own usage block: the
 * gateway prices every answer with {@link UsageParser#openAiChat}.
 */
class AnthropicUsageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_USAGE = """
            {"input_tokens":2095,"cache_creation_input_tokens":1500,"cache_read_input_tokens":700,
             "cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":0},"output_tokens":503}""";

    @Test
    void openAiUsage_hasTheSamePromptCacheReadAndCompletionCounts() throws Exception {
        JsonNode anthropic = JSON.readTree(ANTHROPIC_USAGE);

        Usage expected = UsageParser.anthropic(anthropic);
        Usage parsed = UsageParser.openAiChat(AnthropicResponses.usage(anthropic));

        assertEquals(4295, parsed.promptTokens(), "2095 + 1500 written + 700 read");
        assertEquals(expected.promptTokens(), parsed.promptTokens());
        assertEquals(expected.cacheReadTokens(), parsed.cacheReadTokens());
        assertEquals(expected.completionTokens(), parsed.completionTokens());
    }

    @Test
    void openAiUsage_keepsCacheWritesForPricing() throws Exception {
        JsonNode anthropic = JSON.readTree(ANTHROPIC_USAGE);

        Usage parsed = UsageParser.openAiChat(AnthropicResponses.usage(anthropic));

        assertEquals(1500, parsed.cacheWrite5mTokens());
    }
}
