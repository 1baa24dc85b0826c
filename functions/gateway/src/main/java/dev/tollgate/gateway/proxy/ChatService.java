package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.ProviderRegistry;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.pricing.ModelPrice;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The request path of a proxied call: validate, resolve the model, price it, call the provider, and
 * price what came back. Knows nothing of HTTP; controllers translate.
 */
@Singleton
public class ChatService {
    private final ModelResolver models;
    private final PriceBook prices;
    private final ProviderRegistry providers;
    private final GatewayConfig config;

    public ChatService(ModelResolver models, PriceBook prices, ProviderRegistry providers, GatewayConfig config) {
        this.models = models;
        this.prices = prices;
        this.providers = providers;
        this.config = config;
    }

    public ProxyResult chat(CallContext call, ObjectNode body) {
        String model = RequestValidator.model(body);
        RequestValidator.chat(body);
        ModelDeployment deployment = models.resolve(model);
        ModelPrice price = prices.priceOf(deployment);
        Provider provider = providers.get(deployment.providerId());
        ObjectNode upstream = body.deepCopy();
        upstream.put("model", deployment.upstreamModel());
        if (body.path("stream").asBoolean(false)) {
            boolean clientWantsUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            upstream.withObject("stream_options").put("include_usage", true);
            UpstreamStream stream = timed(call, () -> provider.stream(request(deployment, UpstreamRequest.Operation.CHAT, upstream)));
            return new ProxyResult.Streaming(stream, new StreamPlan(body, price, clientWantsUsage, tokenizerModel(deployment)));
        }
        UpstreamResponse response = timed(call, () -> provider.complete(request(deployment, UpstreamRequest.Operation.CHAT, upstream)));
        ObjectNode answer = response.body();
        CallCost cost = CallCost.ofChat(price, body, answer.get("usage"), answer.path("service_tier").asText(null),
                answer.path("choices").path(0).path("message").path("content").asText(""), tokenizerModel(deployment));
        return new ProxyResult.Complete(answer, cost);
    }

    public ProxyResult.Complete embeddings(CallContext call, ObjectNode body) {
        String model = RequestValidator.model(body);
        RequestValidator.embeddings(body);
        ModelDeployment deployment = models.resolve(model);
        ModelPrice price = prices.priceOf(deployment);
        Provider provider = providers.get(deployment.providerId());
        ObjectNode upstream = body.deepCopy();
        upstream.put("model", deployment.upstreamModel());
        UpstreamResponse response = timed(call, () -> provider.complete(request(deployment, UpstreamRequest.Operation.EMBEDDINGS, upstream)));
        CallCost cost = CallCost.ofEmbeddings(price, body, response.body().get("usage"), tokenizerModel(deployment));
        return new ProxyResult.Complete(response.body(), cost);
    }

    private UpstreamRequest request(ModelDeployment d, UpstreamRequest.Operation operation, ObjectNode body) {
        return new UpstreamRequest(d, operation, body,
                Duration.ofSeconds(d.timeoutOr(config.settings().timeoutSeconds())),
                d.retriesOr(config.settings().maxRetries()));
    }

    private static String tokenizerModel(ModelDeployment d) {
        return d.baseModel() != null ? d.baseModel() : d.upstreamModel();
    }

    private static <T> T timed(CallContext call, Supplier<T> upstream) {
        long start = System.nanoTime();
        try {
            return upstream.get();
        } finally {
            call.addUpstreamNanos(System.nanoTime() - start);
        }
    }
}
