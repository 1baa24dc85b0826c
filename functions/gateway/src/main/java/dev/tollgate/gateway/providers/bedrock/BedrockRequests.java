package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.OpenAiShapes;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Request mapping: an OpenAI chat request to a Converse (or ConverseStream) request. System and developer
 * messages go to {@code system}; turns alternate as Converse requires (consecutive turns of one role are
 * merged, tool results join the user turn); {@code tools}/{@code tool_choice} become {@code toolConfig};
 * {@code max_tokens}, {@code temperature}, {@code top_p} and {@code stop} become {@code inferenceConfig}.
 * The model id (a foundation model, an inference profile such as {@code us.anthropic.claude-…}, or an ARN)
 * is sent as is.
 */
final class BedrockRequests {
    private BedrockRequests() {}

    /** The parts both Converse and ConverseStream take. */
    record Parts(
            String modelId,
            List<Message> messages,
            List<SystemContentBlock> system,
            InferenceConfiguration inference,
            ToolConfiguration tools) {

        ConverseRequest converse() {
            return ConverseRequest.builder()
                    .modelId(modelId)
                    .messages(messages)
                    .system(system)
                    .inferenceConfig(inference)
                    .toolConfig(tools)
                    .build();
        }

        ConverseStreamRequest converseStream() {
            return ConverseStreamRequest.builder()
                    .modelId(modelId)
                    .messages(messages)
                    .system(system)
                    .inferenceConfig(inference)
                    .toolConfig(tools)
                    .build();
        }
    }

    static Parts map(ObjectNode openAi) {
        if (openAi.path("n").asInt(1) > 1) {
            throw GatewayException.invalidRequest("Bedrock returns one choice per request; n must be 1", "n");
        }
        List<SystemContentBlock> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        boolean usesTools = false;
        JsonNode in = openAi.path("messages");
        for (int i = 0; i < in.size(); i++) {
            JsonNode m = in.get(i);
            String where = "messages[" + i + "]";
            switch (m.path("role").asText()) {
                case "system", "developer" ->
                    system.addAll(BedrockContent.system(m.get("content"), where + ".content"));
                case "user" ->
                    turn(turns, ConversationRole.USER)
                            .addAll(BedrockContent.blocks(m.get("content"), where + ".content"));
                case "assistant" -> {
                    List<ContentBlock> blocks = turn(turns, ConversationRole.ASSISTANT);
                    blocks.addAll(BedrockContent.blocks(m.get("content"), where + ".content"));
                    JsonNode calls = m.path("tool_calls");
                    for (int j = 0; j < calls.size(); j++) {
                        usesTools = true;
                        blocks.add(ContentBlock.fromToolUse(toolUse(calls.get(j), where + ".tool_calls[" + j + "]")));
                    }
                }
                case "tool", "function" -> {
                    usesTools = true;
                    turn(turns, ConversationRole.USER).add(ContentBlock.fromToolResult(toolResult(m, where)));
                }
                default ->
                    throw GatewayException.invalidRequest(
                            "Unsupported role for Bedrock: " + m.path("role"), where + ".role");
            }
        }
        List<Turn> merged = new ArrayList<>();
        for (Turn t : turns) {
            if (!t.blocks.isEmpty()) {
                turn(merged, t.role).addAll(t.blocks);
            }
        }
        List<Message> messages = merged.stream()
                .map(t -> Message.builder().role(t.role).content(t.blocks).build())
                .toList();
        return new Parts(
                openAi.path("model").asText(),
                messages,
                system,
                inference(openAi),
                BedrockTools.map(openAi, usesTools));
    }

    private static ToolUseBlock toolUse(JsonNode call, String where) {
        return ToolUseBlock.builder()
                .toolUseId(call.path("id").asText())
                .name(call.path("function").path("name").asText())
                .input(Documents.from(OpenAiShapes.toolArguments(
                        call.path("function").path("arguments"), where + ".function.arguments")))
                .build();
    }

    private static ToolResultBlock toolResult(JsonNode m, String where) {
        String id = m.path("tool_call_id").asText(m.path("name").asText(""));
        if (id.isEmpty()) {
            throw GatewayException.invalidRequest("A tool message needs its tool_call_id", where + ".tool_call_id");
        }
        return ToolResultBlock.builder()
                .toolUseId(id)
                .content(BedrockContent.toolResult(m.get("content"), where + ".content"))
                .build();
    }

    private static InferenceConfiguration inference(JsonNode openAi) {
        InferenceConfiguration.Builder config = InferenceConfiguration.builder();
        boolean any = false;
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = openAi.get(field);
            if (value != null && value.canConvertToInt() && value.asInt() > 0) {
                config.maxTokens(value.asInt());
                any = true;
                break;
            }
        }
        if (openAi.path("temperature").isNumber()) {
            config.temperature(openAi.get("temperature").floatValue());
            any = true;
        }
        if (openAi.path("top_p").isNumber()) {
            config.topP(openAi.get("top_p").floatValue());
            any = true;
        }
        JsonNode stop = openAi.get("stop");
        if (stop != null && (stop.isTextual() || stop.isArray() && !stop.isEmpty())) {
            List<String> sequences = new ArrayList<>();
            if (stop.isTextual()) {
                sequences.add(stop.asText());
            } else {
                stop.forEach(s -> sequences.add(s.asText()));
            }
            config.stopSequences(sequences);
            any = true;
        }
        return any ? config.build() : null;
    }

    private static List<ContentBlock> turn(List<Turn> turns, ConversationRole role) {
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role == role) {
            return last.blocks;
        }
        Turn turn = new Turn(role, new ArrayList<>());
        turns.add(turn);
        return turn.blocks;
    }

    private record Turn(ConversationRole role, List<ContentBlock> blocks) {}
}
