package dev.tollgate.gateway.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.bridge.messages.MessagesRequests;
import dev.tollgate.gateway.bridge.messages.MessagesResponses;
import dev.tollgate.gateway.bridge.messages.MessagesStream;
import dev.tollgate.gateway.errors.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic Messages ↔ chat completions, field by field. */
class MessagesBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void request_systemTextImagesToolsAndCacheControl_becomeChat() throws Exception {
        ObjectNode messages = (ObjectNode) JSON.readTree("""
                {"model":"claude","max_tokens":300,"stream":true,"temperature":0.2,"stop_sequences":["END"],
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}},
                          {"type":"web_search_20250305","name":"web_search"}],
                 "tool_choice":{"type":"any"},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},
                     {"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"SF"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                     {"type":"text","text":"thanks"}]}]}
                """);

        ObjectNode chat = MessagesRequests.toChat(messages);

        JsonNode m = chat.path("messages");
        assertEquals("system", m.get(0).path("role").asText());
        assertEquals("Be brief.", m.get(0).path("content").path(0).path("text").asText());
        assertEquals(
                "ephemeral",
                m.get(0)
                        .path("content")
                        .path(0)
                        .path("cache_control")
                        .path("type")
                        .asText());
        assertEquals(
                "data:image/png;base64,iVBOR",
                m.get(1).path("content").path(1).path("image_url").path("url").asText());
        assertEquals("Checking.", m.get(2).path("content").asText(), "thinking dropped, text kept");
        assertEquals("toolu_1", m.get(2).path("tool_calls").path(0).path("id").asText());
        assertEquals(
                "{\"city\":\"SF\"}",
                m.get(2)
                        .path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("arguments")
                        .asText());
        assertEquals("tool", m.get(3).path("role").asText(), "tool results first");
        assertEquals("18C", m.get(3).path("content").asText());
        assertEquals("thanks", m.get(4).path("content").path(0).path("text").asText());
        assertEquals(1, chat.path("tools").size(), "server tools are not bridged");
        assertEquals("required", chat.path("tool_choice").asText());
        assertEquals(300, chat.path("max_tokens").asInt());
        assertEquals("END", chat.path("stop").path(0).asText());
        assertEquals(1024, chat.path("thinking").path("budget_tokens").asInt());
        assertTrue(chat.path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void request_withoutMaxTokens_isA400NamingIt() throws Exception {
        ObjectNode messages = (ObjectNode)
                JSON.readTree("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        GatewayException e = assertThrows(GatewayException.class, () -> MessagesRequests.toChat(messages));

        assertEquals(400, e.status());
        assertEquals("max_tokens", e.param());
    }

    @Test
    void response_toolCallsAndUsage_becomeAnthropicBlocks() throws Exception {
        JsonNode completion = JSON.readTree("""
                {"id":"chatcmpl-abc","choices":[{"finish_reason":"tool_calls","message":{"role":"assistant",
                 "content":"Let me look.","tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"SF\\"}"}}]}}],
                 "usage":{"prompt_tokens":5200,"completion_tokens":300,"cache_read_input_tokens":4000,
                 "cache_creation_input_tokens":0}}
                """);

        ObjectNode message = MessagesResponses.fromChat(completion, "claude");

        assertEquals("msg_abc", message.path("id").asText());
        assertEquals("text", message.path("content").path(0).path("type").asText());
        assertEquals("tool_use", message.path("content").path(1).path("type").asText());
        assertEquals(
                "SF", message.path("content").path(1).path("input").path("city").asText());
        assertEquals("tool_use", message.path("stop_reason").asText());
        assertEquals(1200, message.path("usage").path("input_tokens").asInt(), "5200 − 4000 cache read");
        assertEquals(4000, message.path("usage").path("cache_read_input_tokens").asInt());
    }

    @Test
    void stream_textThenToolCall_isAnthropicsEventSequence() throws Exception {
        MessagesStream stream = new MessagesStream("claude");
        List<StreamEvent> events = new ArrayList<>();
        events.addAll(
                stream.chunk(JSON.readTree("{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}")));
        events.addAll(
                stream.chunk(JSON.readTree("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\"}}]}}]}")));
        events.addAll(stream.chunk(JSON.readTree("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"1}\"}}]},\"finish_reason\":\"tool_calls\"}]}")));
        events.addAll(stream.chunk(
                JSON.readTree("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":7}}")));
        events.addAll(stream.end("x-tollgate-response-cost: 0.01"));

        assertEquals(
                List.of(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop"),
                events.stream().map(StreamEvent::name).toList());
        JsonNode toolStart = JSON.readTree(events.get(4).data());
        assertEquals(1, toolStart.path("index").asInt());
        assertEquals("tool_use", toolStart.path("content_block").path("type").asText());
        assertEquals("call_1", toolStart.path("content_block").path("id").asText());
        JsonNode delta = JSON.readTree(events.get(8).data());
        assertEquals("tool_use", delta.path("delta").path("stop_reason").asText());
        assertEquals(7, delta.path("usage").path("output_tokens").asInt());
        assertEquals("x-tollgate-response-cost: 0.01", events.get(9).comment());
        assertFalse(stream.end("again").iterator().hasNext(), "ends once");
    }
}
