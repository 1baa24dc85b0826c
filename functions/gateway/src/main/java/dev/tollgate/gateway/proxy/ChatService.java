package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.http.OpenAiException;
import dev.tollgate.gateway.providers.ProviderRegistry;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.routing.DeploymentHealth;
import dev.tollgate.gateway.routing.Router;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.ServiceTier;
import dev.tollgate.pricing.TokenCounter;
import dev.tollgate.pricing.Usage;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The request path of a proxied call: validate, resolve the model, price it, reserve its worst case
 * against every budget, call the deployments in the router's order (then the fallbacks) until one
 * answers, and settle the actual cost of the one that did, with its log line. Knows nothing of HTTP.
 */
@Singleton
public class ChatService {
    public static final String MODEL_USED = "x-tollgate-model-used";
    public static final String ATTEMPTED_FALLBACKS = "x-tollgate-attempted-fallbacks";

    private final ModelResolver models;
    private final PriceBook prices;
    private final ProviderRegistry providers;
    private final GatewayConfig config;
    private final CallMetering metering;
    private final Router router;
    private final DeploymentHealth health;

    public ChatService(
            ModelResolver models,
            PriceBook prices,
            ProviderRegistry providers,
            GatewayConfig config,
            CallMetering metering,
            Router router,
            DeploymentHealth health) {
        this.models = models;
        this.prices = prices;
        this.providers = providers;
        this.config = config;
        this.metering = metering;
        this.router = router;
        this.health = health;
    }

    public ProxyResult chat(CallContext call, ObjectNode body, String endUserHeader) {
        Target target = target(call, "chat_completion", body, () -> RequestValidator.chat(body));
        ObjectNode upstream = body.deepCopy();
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            upstream.withObject("stream_options").put("include_usage", true);
        }
        CallMetering.Metered metered = metering.admitChat(
                call,
                body,
                target.deployment(),
                target.price(),
                chainPrices(target.deployment().name()),
                upstream,
                endUserHeader);
        boolean clientWantsUsage =
                body.path("stream_options").path("include_usage").asBoolean(false);
        return route(
                call,
                metered,
                target.deployment().name(),
                (d, price) -> {
                    UpstreamRequest request = request(d, UpstreamRequest.Operation.CHAT, upstream);
                    if (stream) {
                        UpstreamStream opened = providers.get(d.providerId()).stream(request);
                        return new Served(
                                d,
                                price,
                                null,
                                opened,
                                opened.attempts(),
                                new StreamPlan(body, price, clientWantsUsage, tokenizerModel(d)));
                    }
                    UpstreamResponse response = providers.get(d.providerId()).complete(request);
                    return new Served(d, price, response, null, response.attempts(), null);
                },
                served -> {
                    if (served.stream() != null) {
                        return new ProxyResult.Streaming(
                                served.stream(),
                                served.plan(),
                                served.metered(),
                                served.headers(),
                                served.earlierAttempts(),
                                served.fallbacks() > 0);
                    }
                    ObjectNode answer = served.response().body();
                    CallCost cost = CallCost.ofChat(
                            served.price(),
                            body,
                            answer.get("usage"),
                            answer.path("service_tier").asText(null),
                            answer.path("choices")
                                    .path(0)
                                    .path("message")
                                    .path("content")
                                    .asText(""),
                            tokenizerModel(served.deployment()));
                    Map<String, String> headers = new LinkedHashMap<>(served.headers());
                    headers.putAll(metering.settle(served.metered(), served.outcome(cost, answer)));
                    return new ProxyResult.Complete(answer, cost, headers);
                });
    }

    public ProxyResult.Complete embeddings(CallContext call, ObjectNode body, String endUserHeader) {
        Target target = target(call, "embedding", body, () -> RequestValidator.embeddings(body));
        ObjectNode upstream = body.deepCopy();
        int inputTokens = TokenCounter.countText(
                tokenizerModel(target.deployment()), body.path("input").toString());
        BigDecimal inputCost = CallCost.of(target.price(), Usage.of(inputTokens, 0), ServiceTier.STANDARD)
                .cost()
                .total();
        Prediction worst = new Prediction(inputTokens, 0, inputCost, BigDecimal.ZERO, inputCost, 0, inputCost);
        CallMetering.Metered metered = metering.admitEmbedding(
                call, body, target.deployment(), target.price(), upstream, worst, endUserHeader);
        return (ProxyResult.Complete) route(
                call,
                metered,
                target.deployment().name(),
                (d, price) -> {
                    UpstreamResponse response = providers
                            .get(d.providerId())
                            .complete(request(d, UpstreamRequest.Operation.EMBEDDINGS, upstream));
                    return new Served(d, price, response, null, response.attempts(), null);
                },
                served -> {
                    CallCost cost = CallCost.ofEmbeddings(
                            served.price(),
                            body,
                            served.response().body().get("usage"),
                            tokenizerModel(served.deployment()));
                    Map<String, String> headers = new LinkedHashMap<>(served.headers());
                    headers.putAll(metering.settle(served.metered(), served.outcome(cost, null)));
                    return new ProxyResult.Complete(served.response().body(), cost, headers);
                });
    }

    /** What one attempt produced. */
    private record Served(
            ModelDeployment deployment,
            ModelPrice price,
            UpstreamResponse response,
            UpstreamStream stream,
            int attempts,
            StreamPlan plan,
            CallMetering.Metered metered,
            int earlierAttempts,
            int fallbacks,
            Map<String, String> headers) {
        Served(
                ModelDeployment deployment,
                ModelPrice price,
                UpstreamResponse response,
                UpstreamStream stream,
                int attempts,
                StreamPlan plan) {
            this(deployment, price, response, stream, attempts, plan, null, 0, 0, Map.of());
        }

        CallOutcome outcome(CallCost cost, com.fasterxml.jackson.databind.JsonNode answer) {
            return CallOutcome.ok(cost, attempts, null, answer).after(earlierAttempts, fallbacks > 0);
        }
    }

    private interface Attempt {
        Served run(ModelDeployment deployment, ModelPrice price);
    }

    /**
     * Tries the requested model's deployments in the router's order, then its fallbacks; the first that
     * answers is handed to {@code finish}. Every attempt feeds the deployment's health. If all fail, the
     * call is settled at cost 0 with the last error, which the client receives.
     */
    private ProxyResult route(
            CallContext call,
            CallMetering.Metered metered,
            String model,
            Attempt attempt,
            Function<Served, ProxyResult> finish) {
        List<String> chain = new ArrayList<>(List.of(model));
        OpenAiException last = null;
        int attempts = 0;
        for (int m = 0; m < chain.size(); m++) {
            String current = chain.get(m);
            for (ModelDeployment d : router.order(current)) {
                ModelPrice price = prices.find(d).orElse(null);
                if (price == null) {
                    continue;
                }
                long start = System.nanoTime();
                try {
                    Served served = attempt.run(d, price);
                    health.success(d, Duration.ofNanos(System.nanoTime() - start));
                    Map<String, String> headers = new LinkedHashMap<>(metering.earlyHeaders(metered));
                    headers.put(MODEL_USED, d.name());
                    headers.put(ATTEMPTED_FALLBACKS, Integer.toString(m));
                    return finish.apply(new Served(
                            d,
                            price,
                            served.response(),
                            served.stream(),
                            served.attempts(),
                            served.plan(),
                            metered.servedBy(d, price),
                            attempts,
                            m,
                            headers));
                } catch (OpenAiException e) {
                    health.failure(d, e.status(), e.getMessage());
                    attempts += e instanceof dev.tollgate.gateway.providers.UpstreamException u ? u.attempts() : 1;
                    last = e;
                    if (!Router.isRetryable(e)) {
                        break;
                    }
                } catch (RuntimeException e) {
                    last = OpenAiException.internal("Internal error in the gateway");
                    metering.settle(
                            metered.servedBy(d, price),
                            CallOutcome.failed(last, null, true).after(attempts, m > 0));
                    throw e;
                } finally {
                    call.addUpstreamNanos(System.nanoTime() - start);
                }
            }
            if (m == 0 && last != null) {
                for (String fallback : router.fallbacks(model, last)) {
                    if (!chain.contains(fallback)) {
                        chain.add(fallback);
                    }
                }
            }
            if (last != null && !Router.isRetryable(last) && !Router.isContextOverflow(last)) {
                break;
            }
        }
        OpenAiException error = last != null
                ? last
                : OpenAiException.upstreamUnavailable("No priced deployment could serve model '" + model + "'");
        metering.settle(
                metered,
                CallOutcome.failed(error, null, last != null).after(Math.max(0, attempts - 1), chain.size() > 1));
        throw error;
    }

    /** The prices of every deployment a call to {@code model} may reach (its group and its fallbacks' groups). */
    private List<ModelPrice> chainPrices(String model) {
        LinkedHashSet<ModelPrice> chain = new LinkedHashSet<>();
        for (String m : router.chain(model)) {
            for (ModelDeployment d : config.group(m)) {
                prices.find(d).ifPresent(chain::add);
            }
        }
        return new ArrayList<>(chain);
    }

    /** Where a call goes and what it costs; any refusal on the way is logged (cost 0) and rethrown. */
    private record Target(ModelDeployment deployment, ModelPrice price) {}

    private Target target(CallContext call, String callType, ObjectNode body, Runnable validate) {
        ModelDeployment deployment = null;
        ModelPrice price = null;
        try {
            String model = RequestValidator.model(body);
            validate.run();
            deployment = models.resolve(model);
            if (call.principal() != null && !call.principal().allowsModel(deployment.name())) {
                throw new OpenAiException(
                        403,
                        "permission_error",
                        "This key may not call model '" + deployment.name() + "'",
                        "model",
                        "model_not_allowed");
            }
            price = prices.priceOf(deployment);
            return new Target(deployment, price);
        } catch (OpenAiException refused) {
            metering.refuse(call, callType, body, deployment, price, null, refused);
            throw refused;
        }
    }

    /**
     * The request to one deployment. Attempts run one after another on the call's own copy of the body,
     * so the upstream model name is set in place rather than on a fresh copy per attempt.
     */
    private UpstreamRequest request(ModelDeployment d, UpstreamRequest.Operation operation, ObjectNode body) {
        body.put("model", d.upstreamModel());
        return new UpstreamRequest(
                d,
                operation,
                body,
                Duration.ofSeconds(d.timeoutOr(config.settings().timeoutSeconds())),
                d.retriesOr(config.settings().maxRetries()));
    }

    private static String tokenizerModel(ModelDeployment d) {
        return d.baseModel() != null ? d.baseModel() : d.upstreamModel();
    }
}
