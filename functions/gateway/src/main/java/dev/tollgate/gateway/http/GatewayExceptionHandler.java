package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Maps {@link GatewayException} to its status, headers and OpenAI-shaped body, in one place. */
@Produces
@Singleton
public class GatewayExceptionHandler implements ExceptionHandler<GatewayException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, GatewayException e) {
        return toResponse(request.getPath(), e);
    }

    /** The response for {@code e} on a request to {@code path} (whose API decides the body's shape). */
    public static MutableHttpResponse<?> toResponse(String path, GatewayException e) {
        MutableHttpResponse<Object> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(e.status()))
                .body(OpenAiErrorBody.of(path, e));
        e.headers().forEach(response::header);
        return response.contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
    }
}
