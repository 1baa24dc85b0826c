package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.pipeline.CallResult;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;

/** The HTTP responses of proxied calls: a JSON answer with its cost headers, or an SSE stream. */
final class Responses {
    private Responses() {}

    static MutableHttpResponse<byte[]> json(ObjectMapper json, Object body, CallResult.Complete complete) {
        MutableHttpResponse<byte[]> response = HttpResponse.ok(bytes(json, body));
        complete.headers().forEach(response::header);
        return ProxyHeaders.cost(response, complete.cost()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A stream, relayed as it comes, or collected into one body where the runtime cannot stream. */
    static MutableHttpResponse<?> sse(Flux<Event<String>> events, CallResult.Streaming streaming, boolean buffer) {
        MutableHttpResponse<?> response = buffer
                ? HttpResponse.ok(SseText.collect(events).getBytes(StandardCharsets.UTF_8))
                : HttpResponse.ok(events);
        streaming.headers().forEach(response::header);
        return response.contentType(MediaType.TEXT_EVENT_STREAM_TYPE).header("cache-control", "no-cache");
    }

    static String write(ObjectMapper json, Object body) {
        return new String(bytes(json, body), StandardCharsets.UTF_8);
    }

    static byte[] bytes(ObjectMapper json, Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("could not encode the response");
        }
    }
}
