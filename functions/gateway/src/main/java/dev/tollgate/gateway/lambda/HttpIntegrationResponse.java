package dev.tollgate.gateway.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What API Gateway reads from a streamed Lambda proxy integration
 * ({@code application/vnd.awslambda.http-integration-response}): a JSON prelude with the status code,
 * headers and cookies, then 8 NUL bytes, then the body as it is written. The prelude must come within the
 * first 16 KB. Set-Cookie headers go into {@code cookies}.
 */
final class HttpIntegrationResponse {
    static final int DELIMITER_LENGTH = 8;

    private HttpIntegrationResponse() {}

    /** The prelude and its delimiter, from the status and headers of the handler's response. */
    static byte[] prelude(ObjectMapper json, APIGatewayProxyResponseEvent response) {
        ObjectNode prelude = json.createObjectNode();
        prelude.put("statusCode", response.getStatusCode() == null ? 200 : response.getStatusCode());
        ObjectNode headers = prelude.putObject("headers");
        ObjectNode multi = prelude.putObject("multiValueHeaders");
        ArrayNode cookies = prelude.putArray("cookies");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (name.equalsIgnoreCase("set-cookie")) {
                    cookies.add(value);
                } else {
                    headers.put(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header :
                    response.getMultiValueHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase("set-cookie")) {
                    header.getValue().forEach(cookies::add);
                } else if (!headers.has(header.getKey())) {
                    ArrayNode values = multi.putArray(header.getKey());
                    header.getValue().forEach(values::add);
                }
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(json.writeValueAsBytes(prelude));
            out.writeBytes(new byte[DELIMITER_LENGTH]);
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the response prelude", e);
        }
    }

    /** The complete body of a response that handed nothing off (neither a stream nor a {@code Writable} body). */
    static byte[] body(APIGatewayProxyResponseEvent response) {
        String body = response.getBody();
        if (body == null) {
            return new byte[0];
        }
        return Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }
}
