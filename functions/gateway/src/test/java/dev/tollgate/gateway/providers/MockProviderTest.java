package dev.tollgate.gateway.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.MockSettings;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.mock.MockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in mock model: deterministic, OpenAI-shaped, and able to fail on demand. */
class MockProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockProvider mock = new MockProvider(JSON);

    @Test
    void complete_isDeterministicAndReportsUsage() throws Exception {
        ObjectNode first =
                mock.complete(request(MockSettings.DEFAULT, body("Hello"), 0)).body();
        ObjectNode second =
                mock.complete(request(MockSettings.DEFAULT, body("Hello"), 0)).body();

        assertEquals(first.path("choices"), second.path("choices"));
        assertEquals(first.path("id"), second.path("id"));
        assertEquals(
                "This is Tollgate's mock model. You said: Hello",
                first.path("choices").path(0).path("message").path("content").asText());
        assertEquals("stop", first.path("choices").path(0).path("finish_reason").asText());
        // 3 per message + "user" + "Hello" + 3 priming = 8 prompt tokens
        assertEquals(8, first.path("usage").path("prompt_tokens").asInt());
        assertTrue(first.path("usage").path("completion_tokens").asInt() > 5);
    }

    @Test
    void complete_cutsTheReplyAtMaxTokens() {
        ObjectNode body = body("Hello");
        body.put("max_tokens", 3);

        JsonNode answer = mock.complete(request(MockSettings.DEFAULT, body, 0)).body();

        assertEquals(
                "length", answer.path("choices").path(0).path("finish_reason").asText());
        assertTrue(answer.path("usage").path("completion_tokens").asInt() <= 3);
    }

    @Test
    void mockResponseField_forcesTheReply() {
        ObjectNode body = body("Hello");
        body.put("mock_response", "forced reply");

        JsonNode answer = mock.complete(request(MockSettings.DEFAULT, body, 0)).body();

        assertEquals(
                "forced reply",
                answer.path("choices").path(0).path("message").path("content").asText());
    }

    @Test
    void stream_endsWithUsageOnlyWhenAsked() {
        ObjectNode body = body("Hi");
        List<String> plain = drain(mock.stream(request(MockSettings.DEFAULT, body, 0)));
        body.putObject("stream_options").put("include_usage", true);
        List<String> withUsage = drain(mock.stream(request(MockSettings.DEFAULT, body, 0)));

        assertTrue(plain.stream().noneMatch(c -> c.contains("\"usage\"")));
        assertEquals(plain.size() + 1, withUsage.size());
        assertTrue(withUsage.get(withUsage.size() - 1).contains("\"prompt_tokens\""));
    }

    @Test
    void failStatusForFirstCall_isRetriedWithinTheProviderCall() {
        MockSettings flaky = new MockSettings(null, null, null, null, 500, 1, null);

        JsonNode answer = mock.complete(request(flaky, body("x"), 1)).body();

        assertEquals("chat.completion", answer.path("object").asText());
    }

    @Test
    void failStatusAlways_surfacesAsUpstreamError() {
        MockSettings down = new MockSettings(null, null, null, null, 429, null, null);

        UpstreamException e = assertThrows(UpstreamException.class, () -> mock.complete(request(down, body("x"), 2)));

        assertEquals(429, e.status());
        assertEquals(3, e.attempts());
    }

    @Test
    void hangLongerThanTimeout_is504() {
        MockSettings slow = new MockSettings(null, null, null, null, null, null, 2_000);

        GatewayException e = assertThrows(
                GatewayException.class, () -> mock.complete(request(slow, body("x"), 0, Duration.ofMillis(100))));

        assertEquals(504, e.status());
    }

    private static List<String> drain(UpstreamStream stream) {
        List<String> chunks = new ArrayList<>();
        for (String c = stream.next(); c != null; c = stream.next()) {
            chunks.add(c);
        }
        assertNull(stream.next());
        return chunks;
    }

    private static ObjectNode body(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "mock");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    private static UpstreamRequest request(MockSettings settings, ObjectNode body, int retries) {
        return request(settings, body, retries, Duration.ofSeconds(5));
    }

    private static UpstreamRequest request(MockSettings settings, ObjectNode body, int retries, Duration timeout) {
        ModelDeployment d = new ModelDeployment(
                "mock-" + settings.hashCode(),
                "mock",
                null,
                null,
                null,
                null,
                retries,
                "gpt-4o-mini",
                null,
                null,
                settings,
                null,
                null,
                null,
                null);
        return new UpstreamRequest(d, UpstreamRequest.Operation.CHAT, body, timeout, retries);
    }
}
