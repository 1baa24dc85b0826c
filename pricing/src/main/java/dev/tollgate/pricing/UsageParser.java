package dev.tollgate.pricing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads provider usage blocks into a normalised {@link Usage} (prompt = total input).
 * Each method accepts the usage object itself or a whole response / stream chunk that
 * carries it ({@code usage}, or Gemini's {@code usageMetadata}). Missing fields count as 0;
 * a null or missing node gives {@link Usage#ZERO}.
 */
public final class UsageParser {

    private UsageParser() {}

    /**
     * OpenAI Chat Completions (and a streaming chunk's {@code usage}): {@code prompt_tokens}
     * (includes cached), {@code completion_tokens} (includes reasoning),
     * {@code prompt_tokens_details.cached_tokens} / {@code audio_tokens},
     * {@code completion_tokens_details.reasoning_tokens}. Responses-API names
     * ({@code input_tokens}, {@code output_tokens}, {@code *_tokens_details}) are read too.
     * Cache writes, which OpenAI never reports but the gateway's Anthropic and Bedrock providers
     * carry in OpenAI-shaped usage, are read from {@code cache_creation_input_tokens} (1-hour
     * writes from {@code cache_creation.ephemeral_1h_input_tokens}, the rest 5-minute).
     */
    public static Usage openAiChat(JsonNode node) {
        JsonNode u = unwrap(node, "usage");
        if (u == null) {
            return Usage.ZERO;
        }
        boolean responsesApi = !u.has("prompt_tokens") && u.has("input_tokens");
        JsonNode in = u.path(responsesApi ? "input_tokens_details" : "prompt_tokens_details");
        JsonNode out = u.path(responsesApi ? "output_tokens_details" : "completion_tokens_details");
        long writes = count(u, "cache_creation_input_tokens");
        long oneHour = Math.min(writes, count(u.path("cache_creation"), "ephemeral_1h_input_tokens"));
        return new Usage(
                count(u, responsesApi ? "input_tokens" : "prompt_tokens"),
                count(in, "cached_tokens"),
                writes - oneHour,
                oneHour,
                count(in, "audio_tokens"),
                count(u, responsesApi ? "output_tokens" : "completion_tokens"),
                count(out, "reasoning_tokens"),
                false);
    }

    /**
     * Anthropic Messages ({@code message_start}'s {@code message.usage} or
     * {@code message_delta}'s {@code usage}): {@code input_tokens} EXCLUDES cache tokens, so
     * prompt = input + {@code cache_read_input_tokens} + {@code cache_creation_input_tokens}.
     * Cache writes split by {@code cache_creation.ephemeral_5m_input_tokens} /
     * {@code ephemeral_1h_input_tokens}; without the split they are all 5-minute writes.
     */
    public static Usage anthropic(JsonNode node) {
        JsonNode started = node == null ? null : node.path("message").path("usage");
        JsonNode u = started != null && started.isObject() ? started : unwrap(node, "usage");
        if (u == null) {
            return Usage.ZERO;
        }
        long read = count(u, "cache_read_input_tokens");
        long creation = count(u, "cache_creation_input_tokens");
        JsonNode split = u.path("cache_creation");
        long oneHour = count(split, "ephemeral_1h_input_tokens");
        long fiveMinute = split.isObject() ? count(split, "ephemeral_5m_input_tokens") : creation;
        // If the split and the total disagree, the larger wins; the excess counts as 5-minute writes.
        long writes = Math.max(creation, fiveMinute + oneHour);
        fiveMinute = writes - oneHour;
        return new Usage(
                count(u, "input_tokens") + read + writes,
                read,
                fiveMinute,
                oneHour,
                0,
                count(u, "output_tokens"),
                0,
                false);
    }

    /**
     * Bedrock Converse {@code usage} (or a ConverseStream {@code metadata} event):
     * {@code inputTokens} excludes
     * {@code cacheReadInputTokens} and {@code cacheWriteInputTokens} (5-minute writes).
     */
    public static Usage bedrockConverse(JsonNode node) {
        JsonNode metadata = node == null ? null : node.path("metadata").path("usage");
        JsonNode u = metadata != null && metadata.isObject() ? metadata : unwrap(node, "usage");
        if (u == null) {
            return Usage.ZERO;
        }
        long read = count(u, "cacheReadInputTokens");
        long write = count(u, "cacheWriteInputTokens");
        return new Usage(count(u, "inputTokens") + read + write, read, write, 0, 0, count(u, "outputTokens"), 0, false);
    }

    /**
     * Gemini {@code usageMetadata}: {@code promptTokenCount} (includes
     * {@code cachedContentTokenCount}) plus {@code toolUsePromptTokenCount}; output is
     * {@code candidatesTokenCount} + {@code thoughtsTokenCount} (thoughts are reasoning);
     * audio input from {@code promptTokensDetails[modality=AUDIO]}.
     */
    public static Usage gemini(JsonNode node) {
        JsonNode u = unwrap(node, "usageMetadata");
        if (u == null) {
            return Usage.ZERO;
        }
        long audio = 0;
        for (JsonNode detail : u.path("promptTokensDetails")) {
            if ("AUDIO".equalsIgnoreCase(detail.path("modality").asText())) {
                audio += count(detail, "tokenCount");
            }
        }
        long thoughts = count(u, "thoughtsTokenCount");
        return new Usage(
                count(u, "promptTokenCount") + count(u, "toolUsePromptTokenCount"),
                count(u, "cachedContentTokenCount"),
                0,
                0,
                audio,
                count(u, "candidatesTokenCount") + thoughts,
                thoughts,
                false);
    }

    /** OpenAI embeddings {@code usage}: {@code prompt_tokens}, else {@code total_tokens}; no output. */
    public static Usage embeddings(JsonNode node) {
        JsonNode u = unwrap(node, "usage");
        if (u == null) {
            return Usage.ZERO;
        }
        long prompt = u.has("prompt_tokens") ? count(u, "prompt_tokens") : count(u, "total_tokens");
        return Usage.of(prompt, 0);
    }

    /** The usage object: {@code node.field} when present, else the node itself; null if absent. */
    private static JsonNode unwrap(JsonNode node, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode inner = node.get(field);
        if (inner != null && inner.isObject()) {
            return inner;
        }
        return node.isObject() ? node : null;
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Math.max(0, value.asLong()) : 0;
    }
}
