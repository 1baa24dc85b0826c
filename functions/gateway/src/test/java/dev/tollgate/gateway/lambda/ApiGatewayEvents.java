package dev.tollgate.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * API Gateway REST (payload 1.0) events as JSON, as the Runtime API hands them to the function: a request with no
 * body, its query ({@code name=value} pairs, no escapes) as parameters beside the path.
 */
final class ApiGatewayEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayEvents() {}

    /** {@code GET pathAndQuery} with these headers. */
    static String get(String pathAndQuery, Map<String, String> headers) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        ObjectNode event = JSON.createObjectNode()
                .put("resource", "/{proxy+}")
                .put("path", path)
                .put("httpMethod", "GET");
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        if (query < 0) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode parameters = event.putObject("queryStringParameters");
            ObjectNode multiParameters = event.putObject("multiValueQueryStringParameters");
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                String value = nameValue.length > 1 ? nameValue[1] : "";
                parameters.put(nameValue[0], value);
                multiParameters.putArray(nameValue[0]).add(value);
            }
        }
        event.putObject("pathParameters").put("proxy", path.substring(1));
        ObjectNode context = event.putObject("requestContext")
                .put("resourcePath", "/{proxy+}")
                .put("httpMethod", "GET")
                .put("path", "/dev" + path)
                .put("stage", "dev")
                .put("protocol", "HTTP/1.1");
        context.putObject("identity").put("sourceIp", "203.0.113.10");
        event.putNull("body");
        event.put("isBase64Encoded", false);
        return event.toString();
    }
}
