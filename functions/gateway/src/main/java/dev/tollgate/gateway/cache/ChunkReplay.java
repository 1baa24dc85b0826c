package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete chat answer as the chunks a streaming upstream would have sent: per choice, the role, the
 * content in pieces of {@link #PIECE} characters, the tool calls, the finish reason; then the usage chunk
 * (which the relay drops when the client did not ask for it).
 */
public final class ChunkReplay {
    static final int PIECE = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ChunkReplay() {}

    public static List<String> chunks(ObjectNode answer) {
        List<String> chunks = new ArrayList<>();
        for (JsonNode choice : answer.path("choices")) {
            int index = choice.path("index").asInt(0);
            JsonNode message = choice.path("message");
            ObjectNode role =
                    NODES.objectNode().put("role", message.path("role").asText("assistant"));
            role.put("content", "");
            chunks.add(chunk(answer, index, role, null));
            String content = message.path("content").asText("");
            for (int from = 0; from < content.length(); from += PIECE) {
                String piece = content.substring(from, Math.min(content.length(), from + PIECE));
                chunks.add(chunk(answer, index, NODES.objectNode().put("content", piece), null));
            }
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty()) {
                ArrayNode calls = NODES.arrayNode();
                for (int i = 0; i < toolCalls.size(); i++) {
                    calls.add(((ObjectNode) toolCalls.get(i).deepCopy()).put("index", i));
                }
                ObjectNode delta = NODES.objectNode();
                delta.set("tool_calls", calls);
                chunks.add(chunk(answer, index, delta, null));
            }
            chunks.add(chunk(
                    answer,
                    index,
                    NODES.objectNode(),
                    choice.path("finish_reason").asText("stop")));
        }
        ObjectNode usage = header(answer);
        usage.putArray("choices");
        usage.set("usage", answer.get("usage"));
        chunks.add(usage.toString());
        return chunks;
    }

    private static String chunk(ObjectNode answer, int index, ObjectNode delta, String finishReason) {
        ObjectNode chunk = header(answer);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk.toString();
    }

    private static ObjectNode header(ObjectNode answer) {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", answer.path("id").asText("chatcmpl-cached"));
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", answer.path("created").asLong(0));
        chunk.put("model", answer.path("model").asText(""));
        if (answer.hasNonNull("system_fingerprint")) {
            chunk.set("system_fingerprint", answer.get("system_fingerprint"));
        }
        return chunk;
    }
}
