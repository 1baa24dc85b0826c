package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler as the Lambda runtime creates it (no-argument constructor: the function's own context,
 * whose singletons the container initialises eagerly), not a test-built context.
 */
class ProxyHandlerRuntimeTest {

    @AfterEach
    void clear() {
        System.clearProperty("tollgate.master-key");
    }

    @Test
    void runtimeConstructedHandler_initialisesEveryBean_andAnswers() throws Exception {
        System.setProperty("tollgate.master-key", "sk-test-master");
        try (ProxyHandler handler = new ProxyHandler();
                InputStream in = getClass().getResourceAsStream("/events/chat-completion.json")) {
            APIGatewayProxyRequestEvent event = LambdaEventSerializers.serializerFor(
                            APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
                    .fromJson(in);

            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestLambdaContext());

            assertEquals(200, response.getStatusCode(), response.getBody());
        }
    }
}
