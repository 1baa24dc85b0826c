package dev.tollgate.gateway.bridge.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Chat completion → the Responses API's {@code response}: a message item with the text, function calls, usage. */
public final class ResponsesOutput {
    private ResponsesOutput() {}

    public static ObjectNode fromChat(String id, ObjectNode request, JsonNode completion, Instant created) {
        ObjectNode response = ResponseObjects.envelope(id, request, "completed", created);
        ArrayNode output = (ArrayNode) response.get("output");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode reply = choice.path("message");
        String text = reply.path("content").isTextual() ? reply.get("content").asText() : "";
        if (!text.isEmpty() || reply.path("tool_calls").isEmpty()) {
            output.add(ResponseObjects.message(ResponseObjects.newItemId("msg"), text, "completed"));
        }
        for (JsonNode call : reply.path("tool_calls")) {
            output.add(ResponseObjects.functionCall(
                    ResponseObjects.newItemId("fc"),
                    call.path("id").asText(),
                    call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText("{}"),
                    "completed"));
        }
        ResponseObjects.finish(response, choice.path("finish_reason").asText(null), completion.path("usage"));
        return response;
    }
}
