package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.pipeline.CallResult;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;

/** The HTTP response of a complete proxied call: a JSON answer with its cost headers (streams: {@link StreamDelivery}). */
final class Responses {
    private Responses() {}

    static MutableHttpResponse<byte[]> json(ObjectMapper json, Object body, CallResult.Complete complete) {
        MutableHttpResponse<byte[]> response = HttpResponse.ok(bytes(json, body));
        complete.headers().forEach(response::header);
        return ProxyHeaders.cost(response, complete.cost()).contentType(MediaType.APPLICATION_JSON_TYPE);
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
