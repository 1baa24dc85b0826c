package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The complete answer a stream of chat-completion chunks adds up to (content, tool calls, finish reason,
 * usage), so a streamed miss can be cached in the same form as a complete one. Empty when a chunk is not
 * JSON: such a stream is not cached.
 */
final class ChunkAssembly {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode answer = JSON.createObjectNode();
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private boolean broken;

    private static final class Choice {
        String role = "assistant";
        final StringBuilder content = new StringBuilder();
        final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
        String finishReason;
    }

    void accept(String data) {
        if (broken) {
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (IOException e) {
            broken = true;
            return;
        }
        for (String field : new String[] {"id", "created", "model", "system_fingerprint", "service_tier"}) {
            if (chunk.hasNonNull(field) && !answer.has(field)) {
                answer.set(field, chunk.get(field));
            }
        }
        if (chunk.hasNonNull("usage")) {
            answer.set("usage", chunk.get("usage"));
        }
        for (JsonNode c : chunk.path("choices")) {
            Choice choice = choices.computeIfAbsent(c.path("index").asInt(0), i -> new Choice());
            JsonNode delta = c.path("delta");
            if (delta.path("role").isTextual()) {
                choice.role = delta.get("role").asText();
            }
            if (delta.path("content").isTextual()) {
                choice.content.append(delta.get("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                ObjectNode merged =
                        choice.toolCalls.computeIfAbsent(call.path("index").asInt(0), i -> {
                            ObjectNode n = JSON.createObjectNode();
                            n.put("type", "function");
                            n.putObject("function").put("name", "").put("arguments", "");
                            return n;
                        });
                if (call.path("id").isTextual()) {
                    merged.put("id", call.get("id").asText());
                }
                ObjectNode function = (ObjectNode) merged.get("function");
                JsonNode f = call.path("function");
                function.put(
                        "name", function.get("name").asText() + f.path("name").asText(""));
                function.put(
                        "arguments",
                        function.get("arguments").asText() + f.path("arguments").asText(""));
            }
            if (c.path("finish_reason").isTextual()) {
                choice.finishReason = c.get("finish_reason").asText();
            }
        }
    }

    Optional<ObjectNode> answer() {
        if (broken || choices.isEmpty() || !answer.has("usage")) {
            return Optional.empty();
        }
        ObjectNode out = answer.deepCopy();
        out.put("object", "chat.completion");
        ArrayNode list = out.putArray("choices");
        choices.forEach((index, c) -> {
            ObjectNode choice = list.addObject().put("index", index);
            ObjectNode message = choice.putObject("message").put("role", c.role);
            message.put("content", c.content.toString());
            if (!c.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                c.toolCalls.values().forEach(calls::add);
            }
            choice.put("finish_reason", c.finishReason == null ? "stop" : c.finishReason);
        });
        out.set("usage", answer.get("usage"));
        return Optional.of(out);
    }
}
