package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.OpenAiShapes;
import java.time.Instant;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Response mapping: a Converse response to an OpenAI {@code chat.completion}. Text blocks join into
 * {@code content}, {@code toolUse} blocks become {@code tool_calls}, reasoning text becomes
 * {@code reasoning_content}, and usage is restated in OpenAI's terms. Converse has no response id, so
 * the id is {@code chatcmpl-} plus the AWS request id.
 */
final class BedrockResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BedrockResponses() {}

    static ObjectNode toChatCompletion(ConverseResponse response, String model) {
        ObjectNode out = NODES.objectNode();
        out.put("id", "chatcmpl-" + response.responseMetadata().requestId());
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = NODES.arrayNode();
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                if (block.text() != null) {
                    text.append(block.text());
                } else if (block.toolUse() != null) {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.toolUse().toolUseId());
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", block.toolUse().name())
                            .put(
                                    "arguments",
                                    Documents.toJson(block.toolUse().input()).toString());
                } else if (block.reasoningContent() != null
                        && block.reasoningContent().reasoningText() != null) {
                    reasoning.append(block.reasoningContent().reasoningText().text());
                }
            }
        }
        OpenAiShapes.assistantMessage(choice, reply, text, calls, reasoning, finishReason(response.stopReason()));
        out.set("usage", usage(response.usage()));
        return out;
    }

    static String finishReason(StopReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case TOOL_USE -> "tool_calls";
            case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> "length";
            case GUARDRAIL_INTERVENED, CONTENT_FILTERED -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * OpenAI usage from Converse usage, whose counts are given the Anthropic way ({@link OpenAiShapes#usage}).
     */
    static ObjectNode usage(TokenUsage u) {
        long input = u == null ? 0 : count(u.inputTokens());
        long read = u == null ? 0 : count(u.cacheReadInputTokens());
        long write = u == null ? 0 : count(u.cacheWriteInputTokens());
        long output = u == null ? 0 : count(u.outputTokens());
        return OpenAiShapes.usage(input, read, write, output);
    }

    private static long count(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
