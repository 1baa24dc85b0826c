package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.UpstreamErrors;
import dev.tollgate.gateway.providers.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Error mapping: Anthropic's {@code {"type":"error","error":{"type","message"}}} bodies to OpenAI's
 * error shape with the same status. 4xx keep Anthropic's message and type (also as {@code code});
 * 5xx, including 529 {@code overloaded_error}, are retried by {@code UpstreamHttp} like any 5xx and
 * then reach the client as a 502. A prompt over the context window gets OpenAI's
 * {@code context_length_exceeded} code so fallbacks can recognise it; {@code Retry-After} is passed on.
 */
final class AnthropicErrors {
    private AnthropicErrors() {}

    static GatewayException from(HttpResponse<InputStream> response, String upstream, int attempts) {
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        GatewayException error = from(response.statusCode(), text, upstream, attempts);
        response.headers().firstValue("retry-after").ifPresent(v -> error.withHeader("retry-after", v));
        return error;
    }

    static UpstreamException from(int status, String text, String upstream, int attempts) {
        UpstreamException mapped = UpstreamErrors.from(status, text, upstream, attempts);
        if (status >= 500) {
            return mapped;
        }
        String message = mapped.getMessage();
        if (status == 400 && message.contains("prompt is too long")) {
            return new UpstreamException(
                    status, "invalid_request_error", message, "messages", "context_length_exceeded", attempts);
        }
        return new UpstreamException(
                status,
                mapped.type(),
                message,
                mapped.param(),
                mapped.code() != null ? mapped.code() : mapped.type(),
                attempts);
    }

    /** An {@code error} event in the middle of a stream (e.g. {@code overloaded_error}). */
    static GatewayException streamed(JsonNode event, String upstream) {
        JsonNode error = event.path("error");
        String type = error.path("type").asText("api_error");
        int status = switch (type) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "invalid_request_error" -> 400;
            default -> 500;
        };
        return from(status, event.toString(), upstream, 1);
    }
}
