package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.SseReader;
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

/**
 * Anthropic's Messages API ({@code POST {api_base}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}) behind OpenAI's chat completions. Mapping lives beside it:
 * {@link AnthropicRequests}, {@link AnthropicResponses}, {@link AnthropicStream}, {@link AnthropicErrors}.
 * Retries (429, 5xx, 529 overloaded) are {@link UpstreamHttp}'s.
 */
@Singleton
public class AnthropicProvider implements Provider {
    static final String DEFAULT_API_BASE = "https://api.anthropic.com";
    static final String API_VERSION = "2023-06-01";
    /** The default {@code max_tokens} when neither the request, the model's config nor the price map gives one. */
    static final int FALLBACK_MAX_TOKENS = 4096;

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final PriceBook prices;

    public AnthropicProvider(UpstreamHttp http, ObjectMapper json, PriceBook prices) {
        this.http = http;
        this.json = json;
        this.prices = prices;
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public UpstreamResponse complete(UpstreamRequest request) {
        UpstreamHttp.Attempted attempted = send(request, false);
        try (InputStream in = attempted.response().body()) {
            JsonNode message = json.readTree(in);
            return new UpstreamResponse(
                    AnthropicResponses.toChatCompletion(
                            message, request.body().path("model").asText()),
                    attempted.attempts());
        } catch (IOException e) {
            throw GatewayException.upstreamUnavailable("Upstream " + name(request) + " sent a body that is not JSON");
        }
    }

    @Override
    public UpstreamStream stream(UpstreamRequest request) {
        UpstreamHttp.Attempted attempted = send(request, true);
        boolean includeUsage =
                request.body().path("stream_options").path("include_usage").asBoolean(false);
        AnthropicStream mapper =
                new AnthropicStream(request.body().path("model").asText(), includeUsage);
        return new AnthropicUpstreamStream(
                new SseReader(attempted.response().body()), mapper, json, name(request), attempted.attempts());
    }

    private UpstreamHttp.Attempted send(UpstreamRequest request, boolean stream) {
        if (request.operation() != UpstreamRequest.Operation.CHAT) {
            throw GatewayException.invalidRequest(
                    "Anthropic has no embeddings API; model '"
                            + request.deployment().name() + "' serves chat completions only",
                    "model");
        }
        ObjectNode body = AnthropicRequests.toMessages(request.body(), defaultMaxTokens(request.deployment()), stream);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw GatewayException.internal("could not encode the upstream request");
        }
        UpstreamHttp.Attempted attempted = http.send(() -> build(request, bytes), request.maxRetries(), name(request));
        HttpResponse<InputStream> response = attempted.response();
        if (response.statusCode() / 100 != 2) {
            throw AnthropicErrors.from(response, name(request), attempted.attempts());
        }
        return attempted;
    }

    private HttpRequest build(UpstreamRequest request, byte[] body) {
        ModelDeployment d = request.deployment();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(d))
                .timeout(request.timeout())
                .header("content-type", "application/json")
                .header("anthropic-version", API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (d.apiKey() != null && !d.apiKey().isBlank()) {
            builder.header("x-api-key", d.apiKey());
        }
        if (d.headers() != null) {
            d.headers().forEach(builder::header);
        }
        return builder.build();
    }

    static URI endpoint(ModelDeployment d) {
        String base = d.apiBase() == null || d.apiBase().isBlank() ? DEFAULT_API_BASE : d.apiBase();
        base = base.replaceAll("/+$", "");
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    /** The deployment's {@code max_output_tokens}, else the model's limit in the price map, else 4096. */
    private int defaultMaxTokens(ModelDeployment d) {
        if (d.maxOutputTokens() != null && d.maxOutputTokens() > 0) {
            return d.maxOutputTokens();
        }
        return prices.find(d.name())
                .map(p -> p.maxOutputTokens())
                .filter(n -> n != null && n > 0)
                .orElse(FALLBACK_MAX_TOKENS);
    }

    private static String name(UpstreamRequest request) {
        URI uri = endpoint(request.deployment());
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
