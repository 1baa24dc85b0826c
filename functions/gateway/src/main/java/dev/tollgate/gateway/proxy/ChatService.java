package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.http.OpenAiException;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.ProviderRegistry;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.TokenCounter;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The request path of a proxied call: validate, resolve the model, price it, reserve its worst case
 * against every budget, call the provider, then settle the actual cost with its log line. Knows
 * nothing of HTTP; controllers translate.
 */
@Singleton
public class ChatService {
    private final ModelResolver models;
    private final PriceBook prices;
    private final ProviderRegistry providers;
    private final GatewayConfig config;
    private final CallMetering metering;

    public ChatService(ModelResolver models, PriceBook prices, ProviderRegistry providers, GatewayConfig config,
                       CallMetering metering) {
        this.models = models;
        this.prices = prices;
        this.providers = providers;
        this.config = config;
        this.metering = metering;
    }

    public ProxyResult chat(CallContext call, ObjectNode body, String endUserHeader) {
        Target target = target(call, "chat_completion", body, () -> RequestValidator.chat(body));
        ObjectNode upstream = upstreamBody(body, target.deployment());
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            upstream.withObject("stream_options").put("include_usage", true);
        }
        CallMetering.Metered metered = metering.admitChat(call, body, target.deployment(), target.price(), upstream, endUserHeader);
        UpstreamRequest request = request(target.deployment(), UpstreamRequest.Operation.CHAT, upstream);
        if (stream) {
            UpstreamStream opened = invoke(call, metered, () -> target.provider().stream(request));
            boolean clientWantsUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            return new ProxyResult.Streaming(opened, new StreamPlan(body, target.price(), clientWantsUsage,
                    tokenizerModel(target.deployment())), metered, metering.earlyHeaders(metered));
        }
        UpstreamResponse response = invoke(call, metered, () -> target.provider().complete(request));
        ObjectNode answer = response.body();
        CallCost cost = CallCost.ofChat(target.price(), body, answer.get("usage"), answer.path("service_tier").asText(null),
                answer.path("choices").path(0).path("message").path("content").asText(""), tokenizerModel(target.deployment()));
        return new ProxyResult.Complete(answer, cost, metering.settle(metered, CallOutcome.ok(cost, response.attempts(), null, answer)));
    }

    public ProxyResult.Complete embeddings(CallContext call, ObjectNode body, String endUserHeader) {
        Target target = target(call, "embedding", body, () -> RequestValidator.embeddings(body));
        ObjectNode upstream = upstreamBody(body, target.deployment());
        int inputTokens = TokenCounter.countText(tokenizerModel(target.deployment()), body.path("input").toString());
        BigDecimal inputCost = CallCost.of(target.price(), dev.tollgate.pricing.Usage.of(inputTokens, 0),
                dev.tollgate.pricing.ServiceTier.STANDARD).cost().total();
        Prediction worst = new Prediction(inputTokens, 0, inputCost, BigDecimal.ZERO, inputCost, 0, inputCost);
        CallMetering.Metered metered = metering.admitEmbedding(call, body, target.deployment(), target.price(), upstream,
                worst, endUserHeader);
        UpstreamRequest request = request(target.deployment(), UpstreamRequest.Operation.EMBEDDINGS, upstream);
        UpstreamResponse response = invoke(call, metered, () -> target.provider().complete(request));
        CallCost cost = CallCost.ofEmbeddings(target.price(), body, response.body().get("usage"), tokenizerModel(target.deployment()));
        return new ProxyResult.Complete(response.body(), cost,
                metering.settle(metered, CallOutcome.ok(cost, response.attempts(), null, null)));
    }

    /** Where a call goes and what it costs; any refusal on the way is logged (cost 0) and rethrown. */
    private record Target(ModelDeployment deployment, ModelPrice price, Provider provider) {
    }

    private Target target(CallContext call, String callType, ObjectNode body, Runnable validate) {
        ModelDeployment deployment = null;
        ModelPrice price = null;
        try {
            String model = RequestValidator.model(body);
            validate.run();
            deployment = models.resolve(model);
            if (call.principal() != null && !call.principal().allowsModel(deployment.name())) {
                throw new OpenAiException(403, "permission_error", "This key may not call model '" + deployment.name() + "'",
                        "model", "model_not_allowed");
            }
            price = prices.priceOf(deployment);
            return new Target(deployment, price, providers.get(deployment.providerId()));
        } catch (OpenAiException refused) {
            metering.refuse(call, callType, body, deployment, price, null, refused);
            throw refused;
        }
    }

    /** Calls the upstream, timing it as upstream time; a failure settles the call at cost 0 and is rethrown. */
    private <T> T invoke(CallContext call, CallMetering.Metered metered, Supplier<T> upstream) {
        long start = System.nanoTime();
        try {
            return upstream.get();
        } catch (OpenAiException e) {
            metering.settle(metered, CallOutcome.failed(e, null, true));
            throw e;
        } catch (RuntimeException e) {
            metering.settle(metered, CallOutcome.failed(OpenAiException.internal("Internal error in the gateway"), null, true));
            throw e;
        } finally {
            call.addUpstreamNanos(System.nanoTime() - start);
        }
    }

    private static ObjectNode upstreamBody(ObjectNode body, ModelDeployment deployment) {
        ObjectNode upstream = body.deepCopy();
        upstream.put("model", deployment.upstreamModel());
        return upstream;
    }

    private UpstreamRequest request(ModelDeployment d, UpstreamRequest.Operation operation, ObjectNode body) {
        return new UpstreamRequest(d, operation, body,
                Duration.ofSeconds(d.timeoutOr(config.settings().timeoutSeconds())),
                d.retriesOr(config.settings().maxRetries()));
    }

    private static String tokenizerModel(ModelDeployment d) {
        return d.baseModel() != null ? d.baseModel() : d.upstreamModel();
    }
}
