package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Errors the framework raises itself (no such route, wrong method, unreadable body, body too large)
 * get OpenAI's error shape too, never Micronaut's default JSON or an HTML page.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class OpenAiErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        GatewayException error = switch (status) {
            case 404 ->
                GatewayException.notFound("No route " + context.getRequest().getMethodName() + " "
                        + context.getRequest().getPath());
            case 405 ->
                new GatewayException(
                        405,
                        "invalid_request_error",
                        "Method " + context.getRequest().getMethodName() + " is not allowed on "
                                + context.getRequest().getPath(),
                        null,
                        "method_not_allowed");
            case 413 ->
                new GatewayException(
                        413, "invalid_request_error", "Request body is too large", null, "request_too_large");
            case 415 ->
                new GatewayException(
                        415,
                        "invalid_request_error",
                        "Unsupported content type; send application/json",
                        null,
                        "unsupported_media_type");
            default ->
                status >= 500
                        ? GatewayException.internal("Internal error in the gateway")
                        : new GatewayException(
                                status, "invalid_request_error", detail.isBlank() ? "Bad request" : detail, null, null);
        };
        return base.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(OpenAiErrorBody.of(context.getRequest().getPath(), error));
    }
}
