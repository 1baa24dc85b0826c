package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.admission.InvocationDeadline;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lambda entry point fed real API Gateway (REST, payload 1.0) events; the same routes as the local server. */
class ProxyHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProxyHandler handler;

    @BeforeAll
    static void start() {
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("tollgate.master-key", "sk-test-master", "tollgate.streaming.buffered", true))
                .start();
        handler = new ProxyHandler(context);
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Test
    void chatCompletion_withMasterKey_returnsOpenAiShapeAndCostHeaders() throws Exception {
        APIGatewayProxyResponseEvent response = handle("chat-completion.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals(
                "assistant",
                body.path("choices").path(0).path("message").path("role").asText());
        assertTrue(body.path("usage").path("prompt_tokens").asInt() > 0);
        Map<String, String> headers = headers(response);
        assertNotNull(headers.get("x-tollgate-request-id"));
        assertNotNull(headers.get("x-tollgate-overhead-ms"));
        assertTrue(new BigDecimal(headers.get("x-tollgate-response-cost")).signum() > 0);
        assertEquals(headers.get("x-tollgate-response-cost"), headers.get("x-litellm-response-cost"));
    }

    @Test
    void everyInvocation_notesWhenLambdaWillEndIt_soReservationsExpireWithTheFunctionTimeout() throws Exception {
        Instant before = Instant.now();

        handle("chat-completion.json");

        // TestLambdaContext leaves 120 s, the proxy function's timeout
        Instant endsAt = handler.getApplicationContext()
                .getBean(InvocationDeadline.class)
                .endsAt();
        assertTrue(!endsAt.isBefore(before.plusSeconds(120)), "ends at " + endsAt);
        assertTrue(!endsAt.isAfter(Instant.now().plusSeconds(120)), "ends at " + endsAt);
    }

    @Test
    void chatCompletion_streamed_isReturnedAsOneCompleteSseBody() throws Exception {
        APIGatewayProxyResponseEvent response = handle("chat-completion-stream.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(headers(response).get("content-type").startsWith("text/event-stream"));
        String body = response.getBody();
        assertTrue(body.startsWith("data: {"), body);
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        assertTrue(body.contains(": x-tollgate-response-cost: "), body);
        assertTrue(!body.contains("\"usage\":{"), "client did not ask for usage, so no usage chunk: " + body);
    }

    @Test
    void chatCompletion_withoutKey_is401InOpenAiShape() throws Exception {
        APIGatewayProxyResponseEvent response = handle("chat-completion-no-key.json");

        assertEquals(401, response.getStatusCode());
        JsonNode error = JSON.readTree(response.getBody()).path("error");
        assertEquals("invalid_api_key", error.path("code").asText());
        assertTrue(error.has("param"));
        assertNotNull(headers(response).get("x-tollgate-request-id"));
    }

    @Test
    void chatCompletion_unknownModel_is404NamingNearestModels() throws Exception {
        APIGatewayProxyResponseEvent response = handle("chat-completion-unknown-model.json");

        assertEquals(404, response.getStatusCode());
        JsonNode error = JSON.readTree(response.getBody()).path("error");
        assertEquals("model_not_found", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("mock-gpt-4o-mini"), error.toString());
    }

    @Test
    void chatCompletion_malformedJson_is400() throws Exception {
        APIGatewayProxyResponseEvent response = handle("chat-completion-malformed.json");

        assertEquals(400, response.getStatusCode());
        assertEquals(
                "invalid_request_error",
                JSON.readTree(response.getBody()).path("error").path("type").asText());
    }

    @Test
    void models_listsConfiguredModels() throws Exception {
        APIGatewayProxyResponseEvent response = handle("models.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode data = JSON.readTree(response.getBody()).path("data");
        assertEquals("mock-gpt-4o-mini", data.path(0).path("id").asText());
    }

    @Test
    void health_needsNoKey() throws Exception {
        APIGatewayProxyResponseEvent response = handle("health.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("ok", JSON.readTree(response.getBody()).path("status").asText());
    }

    private static APIGatewayProxyResponseEvent handle(String eventFile) throws Exception {
        PojoSerializer<APIGatewayProxyRequestEvent> serializer = LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, ProxyHandlerTest.class.getClassLoader());
        try (InputStream in = ProxyHandlerTest.class.getResourceAsStream("/events/" + eventFile)) {
            return handler.handleRequest(serializer.fromJson(in), new TestLambdaContext());
        }
    }

    private static Map<String, String> headers(APIGatewayProxyResponseEvent response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.putIfAbsent(k, v.get(0)));
        }
        return headers;
    }
}
