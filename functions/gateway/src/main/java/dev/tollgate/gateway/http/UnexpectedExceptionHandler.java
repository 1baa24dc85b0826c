package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unexpected becomes a 500 in OpenAI's shape; the stack trace goes to the log, never to the client. */
@Produces
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
        if (e instanceof GatewayException openAi) {
            return GatewayExceptionHandler.toResponse(request.getPath(), openAi);
        }
        LOG.error("Unhandled error on {} {}", request.getMethodName(), request.getPath(), e);
        return GatewayExceptionHandler.toResponse(
                request.getPath(), GatewayException.internal("Internal error in the gateway"));
    }
}
