package dev.tollgate.gateway.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import org.junit.jupiter.api.Test;

/** Request mapping, OpenAI → Anthropic Messages, field by field (no network). */
class AnthropicRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void systemAndDeveloperMessages_areLiftedIntoSystem_keepingCacheControl() throws Exception {
        JsonNode out = map("""
                {"model":"claude-sonnet-4-5","messages":[
                  {"role":"system","content":[{"type":"text","text":"Long policy…","cache_control":{"type":"ephemeral"}}]},
                  {"role":"developer","content":"Answer in French."},
                  {"role":"user","content":"hi"}]}""");

        assertEquals("Long policy…", out.path("system").path(0).path("text").asText());
        assertEquals(
                "ephemeral",
                out.path("system").path(0).path("cache_control").path("type").asText());
        assertEquals(
                "Answer in French.", out.path("system").path(1).path("text").asText());
        assertEquals(1, out.path("messages").size());
        assertEquals("user", out.path("messages").path(0).path("role").asText());
    }

    @Test
    void maxTokens_fromMaxCompletionTokens_elseMaxTokens_elseTheDefault() throws Exception {
        assertEquals(
                100,
                map("{\"model\":\"m\",\"max_completion_tokens\":100,\"max_tokens\":50,\"messages\":[]}")
                        .path("max_tokens")
                        .asInt());
        assertEquals(
                50,
                map("{\"model\":\"m\",\"max_tokens\":50,\"messages\":[]}")
                        .path("max_tokens")
                        .asInt());
        assertEquals(
                4096,
                map("{\"model\":\"m\",\"messages\":[]}").path("max_tokens").asInt());
    }

    @Test
    void samplingStopAndUser_areRenamed_unknownFieldsDropped() throws Exception {
        JsonNode out = map("""
                {"model":"m","temperature":0.3,"top_p":0.8,"stop":"###","user":"end-user-7","seed":3,"logprobs":true,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertEquals(0.3, out.path("temperature").asDouble(), 1e-9);
        assertEquals(0.8, out.path("top_p").asDouble(), 1e-9);
        assertEquals("###", out.path("stop_sequences").path(0).asText());
        assertEquals("end-user-7", out.path("metadata").path("user_id").asText());
        assertFalse(out.has("seed") || out.has("logprobs") || out.has("user"), out.toString());
    }

    @Test
    void images_dataUrlsBecomeBase64Sources_httpUrlsBecomeUrlSources() throws Exception {
        JsonNode content = map("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}},
                  {"type":"text","text":"Compare them"}]}]}""").path("messages").path(0).path("content");

        assertEquals("base64", content.path(0).path("source").path("type").asText());
        assertEquals(
                "image/jpeg", content.path(0).path("source").path("media_type").asText());
        assertEquals("/9j/4AAQ", content.path(0).path("source").path("data").asText());
        assertEquals("url", content.path(1).path("source").path("type").asText());
        assertEquals(
                "https://example.com/cat.png",
                content.path(1).path("source").path("url").asText());
        assertEquals("text", content.path(2).path("type").asText());
    }

    @Test
    void toolsAndToolChoice_areMapped() throws Exception {
        JsonNode out = map("""
                {"model":"m","parallel_tool_calls":false,"tool_choice":{"type":"function","function":{"name":"get_weather"}},
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "messages":[{"role":"user","content":"hi"}]}""");

        JsonNode tool = out.path("tools").path(0);
        assertEquals("get_weather", tool.path("name").asText());
        assertEquals("Weather now", tool.path("description").asText());
        assertEquals(
                "string",
                tool.path("input_schema")
                        .path("properties")
                        .path("city")
                        .path("type")
                        .asText());
        assertEquals("tool", out.path("tool_choice").path("type").asText());
        assertEquals("get_weather", out.path("tool_choice").path("name").asText());
        assertTrue(out.path("tool_choice").path("disable_parallel_tool_use").asBoolean());
        assertEquals(
                "any",
                map("{\"model\":\"m\",\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"messages\":[]}")
                        .path("tool_choice")
                        .path("type")
                        .asText());
    }

    @Test
    void assistantToolCalls_andToolMessages_becomeToolUseAndToolResultBlocks() throws Exception {
        JsonNode messages = map("""
                {"model":"m","messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":"Checking.","tool_calls":[
                    {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"toolu_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_1","content":"18°C"},
                  {"role":"tool","tool_call_id":"toolu_2","content":"24°C"}]}""").path("messages");

        assertEquals(3, messages.size(), "both tool results share one user turn: " + messages);
        JsonNode assistant = messages.path(1).path("content");
        assertEquals("Checking.", assistant.path(0).path("text").asText());
        assertEquals("tool_use", assistant.path(1).path("type").asText());
        assertEquals("toolu_1", assistant.path(1).path("id").asText());
        assertEquals("Paris", assistant.path(1).path("input").path("city").asText());
        JsonNode results = messages.path(2).path("content");
        assertEquals("user", messages.path(2).path("role").asText());
        assertEquals("tool_result", results.path(0).path("type").asText());
        assertEquals("toolu_2", results.path(1).path("tool_use_id").asText());
        assertEquals("24°C", results.path(1).path("content").asText());
    }

    @Test
    void badToolArguments_andNAboveOne_are400sNamingTheField() {
        GatewayException bad = assertThrows(GatewayException.class, () -> map("""
                {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"t","function":{"name":"f","arguments":"{not json"}}]}]}"""));
        GatewayException n =
                assertThrows(GatewayException.class, () -> map("{\"model\":\"m\",\"n\":2,\"messages\":[]}"));

        assertEquals("messages[0].tool_calls[0].function.arguments", bad.param());
        assertEquals("n", n.param());
    }

    private static JsonNode map(String openAi) throws Exception {
        return AnthropicRequests.toMessages((ObjectNode) JSON.readTree(openAi), 4096, false);
    }
}
