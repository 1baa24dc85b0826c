package dev.tollgate.gateway.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.tollgate.gateway.admission.InvocationDeadline;
import dev.tollgate.gateway.config.SecretValues;
import dev.tollgate.gateway.cost.PriceBook;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API Gateway (REST, payload 1.0) entry point: every route of the local gateway, served by the same
 * controllers. Run by the managed runtime (the admin function, behind a buffered integration) it returns a
 * stream buffered as one complete SSE body, and every body as text; the proxy and report functions run it inside
 * {@link StreamingRuntime} ({@link StreamingProxyHandler}), which streams and carries bytes.
 */
public class ProxyHandler extends ApiGatewayProxyRequestEventFunction {
    /**
     * Behind a buffered integration: streams are buffered into one body, and since that integration's body is text
     * ({@code ApiGatewayProxyServletResponse} makes a String of every content type not configured as binary), no
     * answer is sent gzipped: the report controllers read {@code tollgate.streaming.buffered} and inflate.
     */
    static final Map<String, Object> BUFFERED_INTEGRATION = Map.of("tollgate.streaming.buffered", true);

    /** Used by the Lambda runtime. */
    public ProxyHandler() {
        super();
        warm();
    }

    /** Used by tests, with an application context they configured. */
    public ProxyHandler(ApplicationContext context) {
        super(context);
        warm();
    }

    /**
     * Notes when this invocation ends (the function timeout), so that reservations expire with it
     * ({@link InvocationDeadline}), then serves the request.
     *
     * <p>Micronaut is not given the Lambda context: with one, it registers the context and its logger as
     * singletons on every invocation, and that bean-registry scan was 31 % of the handler's CPU samples
     * (a JFR profile of back-to-back calls, docs/benchmarks.md). Nothing here injects them; the deadline,
     * the one thing the gateway needs from the context, is taken above.
     */
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            Instant now = getApplicationContext().getBean(Clock.class).instant();
            getApplicationContext()
                    .getBean(InvocationDeadline.class)
                    .set(now.plusMillis(context.getRemainingTimeInMillis()));
        }
        return super.handleRequest(input, null);
    }

    /**
     * {@link #BUFFERED_INTEGRATION} unless {@link StreamingRuntime} runs the handler ({@link StreamingProxyHandler});
     * secrets come from Secrets Manager when the stack names them.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        SecretValues secrets = SecretValues.load(System::getenv, SecretsManagerClient::create);
        Map<String, Object> properties = new HashMap<>(BUFFERED_INTEGRATION);
        if (secrets.masterKey() != null) {
            properties.put("tollgate.master-key", secrets.masterKey());
        }
        return super.newApplicationContextBuilder().properties(properties).singletons(secrets);
    }

    /** Loads the price map and the tokenizer during initialisation, so the SnapStart snapshot holds them. */
    private void warm() {
        if (getApplicationContext()
                .getProperty("tollgate.master-key", String.class)
                .filter(k -> !k.isBlank())
                .isEmpty()) {
            throw new IllegalStateException("No master key: the stack sets TOLLGATE_MASTER_KEY_SECRET_ARN "
                    + "(or set TOLLGATE_MASTER_KEY / property tollgate.master-key)");
        }
        getApplicationContext().getBean(PriceBook.class);
    }
}
