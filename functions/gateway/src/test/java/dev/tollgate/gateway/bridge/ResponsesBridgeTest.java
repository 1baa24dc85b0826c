package dev.tollgate.gateway.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.bridge.responses.InMemoryResponseStore;
import dev.tollgate.gateway.bridge.responses.ResponsesRequests;
import dev.tollgate.gateway.bridge.responses.ResponsesService;
import dev.tollgate.gateway.bridge.responses.ResponsesStream;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Responses API ↔ chat completions, and the store behind previous_response_id. */
class ResponsesBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final ResponsesService service = new ResponsesService(new InMemoryResponseStore(clock), clock, 30);

    @Test
    void request_itemsToolsFormatAndReasoning_becomeChat() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"model":"gpt","instructions":"Be brief.","max_output_tokens":200,"reasoning":{"effort":"low"},
                 "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}},
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"}},{"type":"web_search"}],
                 "tool_choice":{"type":"function","name":"f"},
                 "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"Rules."}]},
                          {"role":"user","content":"Do it"},
                          {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                          {"type":"function_call_output","call_id":"c1","output":"done"},
                          {"type":"reasoning","summary":[]}]}
                """);

        ObjectNode chat = ResponsesRequests.toChat(request, JSON.createArrayNode());

        JsonNode m = chat.path("messages");
        assertEquals("Be brief.", m.get(0).path("content").asText());
        assertEquals("system", m.get(1).path("role").asText(), "developer → system");
        assertEquals("Do it", m.get(2).path("content").asText());
        assertEquals("c1", m.get(3).path("tool_calls").path(0).path("id").asText());
        assertEquals("tool", m.get(4).path("role").asText());
        assertEquals(5, m.size(), "reasoning items are dropped");
        assertEquals(200, chat.path("max_tokens").asInt());
        assertEquals("low", chat.path("reasoning_effort").asText());
        assertEquals(
                "answer",
                chat.path("response_format").path("json_schema").path("name").asText());
        assertEquals(1, chat.path("tools").size(), "built-in tools are not bridged");
        assertEquals("f", chat.path("tool_choice").path("function").path("name").asText());
    }

    @Test
    void previousResponse_continuesTheConversation_onlyForItsOwner() throws Exception {
        ObjectNode first = (ObjectNode) JSON.readTree("{\"model\":\"gpt\",\"input\":\"Hi\"}");
        ResponsesService.Prepared prepared = service.prepare("key-a", first);
        ObjectNode response = service.complete(prepared, completion("Hello!"));

        ObjectNode next = (ObjectNode) JSON.readTree("{\"model\":\"gpt\",\"input\":\"And?\",\"previous_response_id\":\""
                + response.get("id").asText() + "\"}");
        ObjectNode chat = service.prepare("key-a", next).chat();

        assertEquals(List.of("user:Hi", "assistant:Hello!", "user:And?"), toList(chat.path("messages")));
        GatewayException e = assertThrows(GatewayException.class, () -> service.prepare("key-b", next));
        assertEquals(404, e.status());
        assertEquals("previous_response_id", e.param());
    }

    @Test
    void storedResponse_expiresAfterItsKeepTime_andStoreFalseKeepsNothing() throws Exception {
        ObjectNode response = service.complete(
                service.prepare("key-a", (ObjectNode) JSON.readTree("{\"model\":\"gpt\",\"input\":\"Hi\"}")),
                completion("Hello!"));
        ObjectNode unstored = service.complete(
                service.prepare(
                        "key-a", (ObjectNode) JSON.readTree("{\"model\":\"gpt\",\"input\":\"Hi\",\"store\":false}")),
                completion("Hello!"));
        String id = response.get("id").asText();

        assertEquals(id, service.get("key-a", id).get("id").asText());
        assertThrows(
                GatewayException.class,
                () -> service.get("key-a", unstored.get("id").asText()));
        clock.advance(Duration.ofDays(30));
        assertThrows(GatewayException.class, () -> service.get("key-a", id));
    }

    @Test
    void stream_eventsCarrySequenceNumbers_andCompleteWithUsage() throws Exception {
        List<ObjectNode> completed = new ArrayList<>();
        ResponsesStream stream = new ResponsesStream(
                "resp_1", (ObjectNode) JSON.readTree("{\"model\":\"gpt\"}"), clock.instant(), completed::add);
        List<StreamEvent> events = new ArrayList<>();
        events.addAll(stream.chunk(JSON.readTree("{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}")));
        events.addAll(stream.chunk(
                JSON.readTree("{\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}")));
        events.addAll(stream.chunk(JSON.readTree(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}")));
        events.addAll(stream.end("cost"));

        assertEquals("response.created", events.get(0).name());
        assertEquals("response.completed", events.get(events.size() - 1).name());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(
                    i,
                    JSON.readTree(events.get(i).data()).path("sequence_number").asInt());
        }
        assertTrue(events.stream().anyMatch(e -> "response.output_text.done".equals(e.name())));
        JsonNode done = JSON.readTree(events.get(events.size() - 1).data()).path("response");
        assertEquals(
                "Hello",
                done.path("output").path(0).path("content").path(0).path("text").asText());
        assertEquals(5, done.path("usage").path("total_tokens").asInt());
        assertEquals(1, completed.size());
    }

    private static JsonNode completion(String text) throws Exception {
        return JSON.readTree("{\"id\":\"chatcmpl-1\",\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"" + text
                + "\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}");
    }

    private static List<String> toList(JsonNode messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(
                m -> out.add(m.path("role").asText() + ":" + m.path("content").asText()));
        return out;
    }
}
