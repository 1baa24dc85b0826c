package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.assertCost;
import static dev.tollgate.pricing.Fixtures.json;
import static dev.tollgate.pricing.Fixtures.price;
import static dev.tollgate.pricing.Fixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

/** Provider usage blocks (samples in src/test/resources/usage/) normalised to total input. */
class UsageParserTest {

    @Test
    void openAiChat_wholeResponse_readsCachedTokens() {
        Usage usage = UsageParser.openAiChat(sample("openai-chat.json"));
        assertEquals(new Usage(2006, 1920, 0, 0, 0, 300, 0, false), usage);
    }

    @Test
    void openAiChat_streamUsageChunk_readsReasoning_andPricesOnFlex() {
        JsonNode chunk = sample("openai-stream-usage-chunk.json");
        Usage usage = UsageParser.openAiChat(chunk.get("usage"));
        assertEquals(new Usage(5000, 1000, 0, 0, 0, 4000, 3500, false), usage);
        // o3 flex: uncached 4,000 × $1/M = 0.004; cached 1,000 × $0.25/M = 0.00025;
        // out 500 × $4/M = 0.002; reasoning 3,500 × $4/M = 0.014; total 0.02025
        ServiceTier tier = ServiceTier.parse(chunk.path("service_tier").asText());
        assertCost("0.02025", CostCalculator.cost(price("o3"), usage, tier));
    }

    @Test
    void openAiChat_responsesApiNames_areRead() {
        Usage usage = UsageParser.openAiChat(json("""
                {"input_tokens":328,"input_tokens_details":{"cached_tokens":128},
                 "output_tokens":52,"output_tokens_details":{"reasoning_tokens":40},"total_tokens":380}"""));
        assertEquals(new Usage(328, 128, 0, 0, 0, 52, 40, false), usage);
    }

    @Test
    void openAiChat_audioTokens_areRead() {
        Usage usage = UsageParser.openAiChat(json("""
                {"prompt_tokens":1500,"completion_tokens":100,
                 "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":1000}}"""));
        assertEquals(1000, usage.audioInputTokens());
    }

    @Test
    void anthropic_message_addsCacheTokensToPrompt_andSplitsWrites() {
        // input 2,000 excludes cache: prompt = 2,000 + read 5,000 + writes 10,000 = 17,000
        Usage usage = UsageParser.anthropic(sample("anthropic-message.json"));
        assertEquals(new Usage(17_000, 5000, 4000, 6000, 0, 1000, 0, false), usage);
    }

    @Test
    void anthropic_messageStartEvent_readsNestedUsage() {
        Usage usage = UsageParser.anthropic(sample("anthropic-message-start.json"));
        assertEquals(new Usage(1225, 1200, 0, 0, 0, 1, 0, false), usage);
    }

    @Test
    void anthropic_messageDeltaEvent_readsOutputTokens() {
        Usage usage = UsageParser.anthropic(json("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"output_tokens":15}}"""));
        assertEquals(Usage.of(0, 15), usage);
    }

    @Test
    void anthropic_withoutCreationSplit_countsWritesAsFiveMinute() {
        Usage usage = UsageParser.anthropic(json("""
                {"input_tokens":100,"cache_creation_input_tokens":300,"cache_read_input_tokens":0,"output_tokens":7}"""));
        assertEquals(new Usage(400, 0, 300, 0, 0, 7, 0, false), usage);
    }

    @Test
    void bedrockConverse_response_addsCacheTokensToPrompt() {
        Usage usage = UsageParser.bedrockConverse(sample("bedrock-converse.json"));
        assertEquals(new Usage(3500, 2000, 500, 0, 0, 300, 0, false), usage);
    }

    @Test
    void bedrockConverse_streamMetadataEvent_isRead() {
        Usage usage = UsageParser.bedrockConverse(json("""
                {"metadata":{"usage":{"inputTokens":12,"outputTokens":34,"totalTokens":46},"metrics":{"latencyMs":300}}}"""));
        assertEquals(Usage.of(12, 34), usage);
    }

    @Test
    void gemini_response_addsThoughtsToOutput_andReadsAudio() {
        Usage usage = UsageParser.gemini(sample("gemini-generate-content.json"));
        assertEquals(new Usage(100_000, 20_000, 0, 0, 1000, 2000, 1500, false), usage);
    }

    @Test
    void gemini_usageMetadataAlone_withToolUsePrompt_countsItAsInput() {
        Usage usage = UsageParser.gemini(json("""
                {"promptTokenCount":40,"toolUsePromptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":55}"""));
        assertEquals(Usage.of(50, 5), usage);
    }

    @Test
    void embeddings_response_readsPromptTokens() {
        assertEquals(Usage.of(10_000, 0), UsageParser.embeddings(sample("openai-embeddings.json")));
        assertEquals(Usage.of(8, 0), UsageParser.embeddings(json("{\"total_tokens\":8}")));
    }

    @Test
    void parsers_missingOrNullUsage_giveZero() {
        assertEquals(Usage.ZERO, UsageParser.openAiChat(null));
        assertEquals(Usage.ZERO, UsageParser.anthropic(MissingNode.getInstance()));
        assertEquals(Usage.ZERO, UsageParser.gemini(json("null")));
        assertEquals(Usage.ZERO, UsageParser.bedrockConverse(json("{}")));
    }

    @Test
    void usage_cachedLargerThanPrompt_isCappedAndNeverNegative() {
        Usage usage = new Usage(100, 500, 50, 50, 10, -5, 3, false);
        assertEquals(100, usage.cacheReadTokens());
        assertEquals(0, usage.cacheWrite5mTokens());
        assertEquals(0, usage.cacheWrite1hTokens());
        assertEquals(0, usage.audioInputTokens());
        assertEquals(0, usage.uncachedPromptTokens());
        assertEquals(0, usage.completionTokens());
        assertEquals(0, usage.reasoningTokens());
    }

    @Test
    void serviceTier_parse_acceptsOpenAiValues() {
        assertEquals(ServiceTier.STANDARD, ServiceTier.parse("default"));
        assertEquals(ServiceTier.STANDARD, ServiceTier.parse("auto"));
        assertEquals(ServiceTier.STANDARD, ServiceTier.parse(null));
        assertEquals(ServiceTier.FLEX, ServiceTier.parse("flex"));
        assertEquals(ServiceTier.PRIORITY, ServiceTier.parse(" Priority "));
        assertEquals(ServiceTier.BATCH, ServiceTier.parse("batch"));
        assertEquals(ServiceTier.BATCH, ServiceTier.parse("batches"));
        assertEquals(ServiceTier.STANDARD, ServiceTier.parse("scale"));
    }

    @Test
    void openAiChat_cacheWritesCarriedByAnthropicAndBedrockProviders_areSplitIntoFiveMinuteAndOneHour() {
        Usage usage = UsageParser.openAiChat(json("""
                {"prompt_tokens": 3000, "completion_tokens": 10, "prompt_tokens_details": {"cached_tokens": 500},
                 "cache_creation_input_tokens": 1200, "cache_creation": {"ephemeral_1h_input_tokens": 200}}"""));

        assertEquals(500, usage.cacheReadTokens());
        assertEquals(1000, usage.cacheWrite5mTokens());
        assertEquals(200, usage.cacheWrite1hTokens());
        assertEquals(1300, usage.uncachedPromptTokens());
    }
}
