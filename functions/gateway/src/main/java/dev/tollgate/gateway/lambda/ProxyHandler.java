package dev.tollgate.gateway.lambda;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.context.ApplicationContext;

/**
 * The API Gateway (REST, payload 1.0) entry point: every route of the local gateway, served by the same
 * controllers. Streams are returned buffered as one complete SSE body (the Lambda proxy integration
 * cannot stream).
 */
public class ProxyHandler extends ApiGatewayProxyRequestEventFunction {

    /** Used by the Lambda runtime. */
    public ProxyHandler() {
        super();
    }

    /** Used by tests, with an application context they configured. */
    public ProxyHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().properties(java.util.Map.of("tollgate.streaming.buffered", true));
    }
}
