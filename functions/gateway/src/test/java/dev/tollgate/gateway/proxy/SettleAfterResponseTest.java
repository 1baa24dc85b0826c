package dev.tollgate.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.SettleGate;
import dev.tollgate.gateway.testing.StoredGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A non-streamed call is answered before it is settled (docs/architecture.md §1): on Netty, over DynamoDB Local,
 * the client has its whole answer while the call's settle transaction is still held at a {@link SettleGate}; once
 * the transaction goes through, the call is settled exactly as before — one spend-log line, the reservation gone,
 * the key's spend moved by the line's cost.
 */
class SettleAfterResponseTest {
    private static FakeUpstream upstream;
    private static SettleGate gate;
    private static StoredGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream()
                .byDefault(
                        FakeUpstream.Reply.json(200, FakeUpstream.resource("/upstream/openai/chat-completion.json")));
        gate = new SettleGate(DynamoDbLocal.endpoint());
        gateway = StoredGateway.start("""
                models:
                  - name: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                """.formatted(upstream.baseUrl()), gate.endpoint());
    }

    @AfterEach
    void release() {
        gate.release();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        gate.close();
        upstream.close();
    }

    @Test
    void chatCompletion_isAnsweredWhileItsSettleTransactionWaits() throws Exception {
        answeredBeforeSettled(
                "/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "/choices/0/message/content");
    }

    @Test
    void bridgedMessagesCall_isAnsweredWhileItsSettleTransactionWaits() throws Exception {
        answeredBeforeSettled(
                "/v1/messages",
                "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "/content/0/text");
    }

    private static void answeredBeforeSettled(String path, String body, String answerPointer) throws Exception {
        String key = gateway.key("{\"max_budget\": 10}");

        // GIVEN settle transactions are held at the gate
        gate.hold();

        // WHEN a non-streamed call is made
        HttpResponse<String> response = gateway.post(path, body, key);

        // THEN the client has its whole answer and its cost while the settle transaction waits at the gate
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(
                StoredGateway.json(response.body()).at(answerPointer).asText().isEmpty(), response.body());
        BigDecimal cost =
                new BigDecimal(response.headers().firstValue(ProxyHeaders.COST).orElseThrow());
        String requestId =
                response.headers().firstValue("x-tollgate-request-id").orElseThrow();
        awaitHeld();
        assertTrue(item("RESV#" + requestId) != null, "the reservation is still open");
        assertTrue(item("LOG#" + requestId) == null, "no spend-log line yet");

        // AND WHEN the settle transaction goes through
        gate.release();

        // THEN the call is settled once: its line carries the cost the client was told, the reservation is gone,
        // and the key's spend moved by exactly that cost
        JsonNode line = gateway.logLine(response);
        assertEquals(0, line.path("cost").decimalValue().compareTo(cost), line.toString());
        assertEquals(200, line.path("status").asInt(), line.toString());
        assertTrue(item("RESV#" + requestId) == null, "the reservation is gone");
        JsonNode info = StoredGateway.json(gateway.get("/key/info?key=" + key, StoredGateway.MASTER)
                        .body())
                .path("info");
        assertEquals(0, info.path("spend").decimalValue().compareTo(cost), info.toString());
    }

    /** Waits (at most 30 s) for the call's settle transaction to reach the gate: it leaves just after the response. */
    private static void awaitHeld() throws InterruptedException {
        for (int i = 0; i < 600 && gate.held() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, gate.held(), "the settle transaction is waiting at the gate");
    }

    private static Map<String, AttributeValue> item(String pk) {
        List<Map<String, AttributeValue>> items = DynamoDbLocal.scan(gateway.dynamo, gateway.table);
        return items.stream()
                .filter(i -> i.get("pk").s().equals(pk))
                .findFirst()
                .orElse(null);
    }
}
