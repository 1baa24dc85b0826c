package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard through the Lambda handler, as API Gateway delivers /ui under a stage (docs/dashboard.md). */
class DashboardLambdaTest {
    private static ProxyHandler handler;

    @BeforeAll
    static void start() {
        handler = new ProxyHandler(ApplicationContext.builder()
                .properties(Map.of("tollgate.master-key", "sk-test-master"))
                .start());
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Test
    void page_isServedUncached_withAStrictContentSecurityPolicy() throws Exception {
        APIGatewayProxyResponseEvent response = handle("ui-page.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        Map<String, String> headers = headers(response);
        assertTrue(headers.get("content-type").startsWith("text/html"));
        assertEquals("no-store", headers.get("cache-control"));
        assertTrue(headers.get("content-security-policy").contains("script-src 'self'"));
        assertTrue(headers.get("content-security-policy").contains("frame-ancestors 'none'"));
        // Relative asset paths: the page works under the stage prefix (/dev/ui/).
        assertTrue(response.getBody().contains("src=\"./assets/"), response.getBody());
    }

    @Test
    void pathWithoutSlash_servesThePage_withItsAssetsNamedBelowUi_soTheStagePrefixIsKept() throws Exception {
        // /dev/ui + ./ui/assets/x.js = /dev/ui/assets/x.js; no redirect, so no loop whatever a proxy does with "/"
        APIGatewayProxyResponseEvent response = handle("ui-no-slash.json");

        assertEquals(200, response.getStatusCode());
        assertEquals("no-store", headers(response).get("cache-control"));
        assertTrue(response.getBody().contains("src=\"./ui/assets/"), response.getBody());
        assertTrue(!response.getBody().contains("\"./assets/"), response.getBody());
    }

    private static APIGatewayProxyResponseEvent handle(String eventFile) throws Exception {
        PojoSerializer<APIGatewayProxyRequestEvent> serializer = LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, DashboardLambdaTest.class.getClassLoader());
        try (InputStream in = DashboardLambdaTest.class.getResourceAsStream("/events/" + eventFile)) {
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
