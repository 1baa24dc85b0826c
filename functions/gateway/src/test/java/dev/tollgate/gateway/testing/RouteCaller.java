package dev.tollgate.gateway.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.tollgate.gateway.lambda.ProxyHandler;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request to a gateway, in one of its two runtimes: the Netty server ({@code ./tollgate local}) or the
 * Lambda handler fed an API Gateway event. {@code key} may be null, {@code body} (JSON) too.
 */
public interface RouteCaller {

    Answer send(String method, String path, String key, String body);

    /** The request with no body, or {@code {}} for a POST, PUT or PATCH. */
    default Answer call(String method, String path, String key) {
        return send(method, path, key, Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null);
    }

    /** The status, the body ({@code ""} if none) and the headers (names lower case). */
    record Answer(int status, String body, Map<String, String> headers) {}

    /** Over HTTP to the Netty server. */
    static RouteCaller netty(EmbeddedServer server) {
        HttpClient client = HttpClient.newHttpClient();
        return (method, path, key, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getPort() + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("content-type", "application/json");
            }
            if (key != null) {
                request.header("authorization", "Bearer " + key);
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> headers = new TreeMap<>();
                response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                return new Answer(response.statusCode(), response.body(), headers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * Through {@link ProxyHandler#handleRequest}, as API Gateway (REST, payload 1.0) delivers it: the query
     * (plain {@code name=value} pairs, no escapes) as parameters beside the path.
     */
    static RouteCaller lambda(ProxyHandler handler) {
        return (method, path, key, body) -> {
            Map<String, String> headers = new HashMap<>();
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            if (key != null) {
                headers.put("Authorization", "Bearer " + key);
            }
            Map<String, List<String>> multi = new HashMap<>();
            headers.forEach((name, value) -> multi.put(name, List.of(value)));
            int query = path.indexOf('?');
            Map<String, String> parameters = new HashMap<>();
            if (query >= 0) {
                for (String pair : path.substring(query + 1).split("&")) {
                    String[] nameValue = pair.split("=", 2);
                    parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
                }
            }
            Map<String, List<String>> multiParameters = new HashMap<>();
            parameters.forEach((name, value) -> multiParameters.put(name, List.of(value)));
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                    .withResource("/{proxy+}")
                    .withHttpMethod(method)
                    .withPath(query >= 0 ? path.substring(0, query) : path)
                    .withQueryStringParameters(query >= 0 ? parameters : null)
                    .withMultiValueQueryStringParameters(query >= 0 ? multiParameters : null)
                    .withHeaders(headers)
                    .withMultiValueHeaders(multi)
                    .withBody(body)
                    .withIsBase64Encoded(false);
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            Map<String, String> answered = new TreeMap<>();
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> answered.put(name.toLowerCase(), value));
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders()
                        .forEach((name, values) -> answered.putIfAbsent(name.toLowerCase(), values.get(0)));
            }
            return new Answer(response.getStatusCode(), response.getBody() == null ? "" : response.getBody(), answered);
        };
    }
}
