package dev.tollgate.gateway.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.SseReader;
import dev.tollgate.gateway.providers.UpstreamErrors;
import dev.tollgate.gateway.providers.UpstreamHttp;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any OpenAI-compatible API (OpenAI, Azure's /openai/v1, vLLM, Ollama's /v1, Groq, Together, Mistral,
 * DeepSeek, Gemini's OpenAI endpoint): the body is sent as is, with the upstream model name, and the
 * answer comes back as is.
 */
@Singleton
public class OpenAiCompatibleProvider implements Provider {
    private final UpstreamHttp http;
    private final ObjectMapper json;

    public OpenAiCompatibleProvider(UpstreamHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "openai";
    }

    /**
     * Where an OpenAI-shaped call goes and how it authenticates: lets a provider whose API differs only in
     * its URLs and auth header (Azure's deployment URLs and {@code api-key}) reuse this one.
     *
     * @param uri     the full endpoint URL
     * @param headers auth and extra headers, sent as given
     */
    public record Target(URI uri, Map<String, String> headers) {}

    @Override
    public UpstreamResponse complete(UpstreamRequest request) {
        return complete(request, target(request));
    }

    @Override
    public UpstreamStream stream(UpstreamRequest request) {
        return stream(request, target(request));
    }

    /** A non-streamed call to an explicit target; the body and answer pass through as for {@code openai}. */
    public UpstreamResponse complete(UpstreamRequest request, Target target) {
        byte[] body = write(request.body());
        UpstreamHttp.Attempted attempted =
                http.send(() -> build(request, target, body), request.maxRetries(), name(request));
        HttpResponse<InputStream> response = attempted.response();
        if (response.statusCode() / 100 != 2) {
            throw UpstreamErrors.from(response.statusCode(), response.body(), name(request), attempted.attempts());
        }
        try (InputStream in = response.body()) {
            return new UpstreamResponse((ObjectNode) json.readTree(in), attempted.attempts());
        } catch (IOException | ClassCastException e) {
            throw GatewayException.upstreamUnavailable(
                    "Upstream " + name(request) + " sent a body that is not a JSON object");
        }
    }

    /** A streamed call to an explicit target; SSE data payloads pass through as for {@code openai}. */
    public UpstreamStream stream(UpstreamRequest request, Target target) {
        byte[] body = write(request.body());
        UpstreamHttp.Attempted attempted =
                http.send(() -> build(request, target, body), request.maxRetries(), name(request));
        HttpResponse<InputStream> response = attempted.response();
        if (response.statusCode() / 100 != 2) {
            throw UpstreamErrors.from(response.statusCode(), response.body(), name(request), attempted.attempts());
        }
        SseReader reader = new SseReader(response.body());
        int attempts = attempted.attempts();
        return new UpstreamStream() {
            @Override
            public String next() {
                return reader.nextData();
            }

            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    private static Target target(UpstreamRequest request) {
        ModelDeployment d = request.deployment();
        Map<String, String> headers = new LinkedHashMap<>();
        if (d.apiKey() != null && !d.apiKey().isBlank()) {
            headers.put("authorization", "Bearer " + d.apiKey());
        }
        if (d.headers() != null) {
            headers.putAll(d.headers());
        }
        return new Target(endpoint(d, request.operation()), headers);
    }

    private static HttpRequest build(UpstreamRequest request, Target target, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri())
                .timeout(request.timeout())
                // cleartext upstreams (vLLM, Ollama on a private network) speak HTTP/1.1: skip the h2c upgrade offer
                .version(
                        "http".equals(target.uri().getScheme())
                                ? java.net.http.HttpClient.Version.HTTP_1_1
                                : java.net.http.HttpClient.Version.HTTP_2)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.headers().forEach(builder::header);
        return builder.build();
    }

    private static URI endpoint(ModelDeployment d, UpstreamRequest.Operation operation) {
        if (d.apiBase() == null || d.apiBase().isBlank()) {
            throw new ConfigException(
                    "model '" + d.name() + "' needs an api_base (for example https://api.openai.com/v1)");
        }
        String base =
                d.apiBase().endsWith("/") ? d.apiBase().substring(0, d.apiBase().length() - 1) : d.apiBase();
        return URI.create(base + operation.path());
    }

    private byte[] write(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw GatewayException.internal("could not encode the upstream request");
        }
    }

    /** The upstream named in messages and logs: host only, never a key or query string. */
    private static String name(UpstreamRequest request) {
        String base = request.deployment().apiBase();
        try {
            URI uri = URI.create(base);
            return uri.getHost() == null
                    ? request.deployment().name()
                    : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return request.deployment().name();
        }
    }
}
