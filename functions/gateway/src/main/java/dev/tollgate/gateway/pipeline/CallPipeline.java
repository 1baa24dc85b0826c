package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cache.CacheControl;
import dev.tollgate.gateway.cache.CacheLookup;
import dev.tollgate.gateway.cache.ResponseCaching;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.failover.ActiveFailover;
import dev.tollgate.gateway.failover.FailoverRouting;
import dev.tollgate.gateway.providers.ProviderRegistry;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.request.RequestValidator;
import dev.tollgate.gateway.routing.DeploymentHealth;
import dev.tollgate.gateway.routing.ModelResolver;
import dev.tollgate.gateway.routing.Router;
import dev.tollgate.gateway.spendlog.CallOutcome;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.pricing.CostPredictor;
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
import java.util.Optional;
import java.util.function.Function;

/**
 * The path of one proxied call (chat completions and embeddings), top to bottom:
 * <ol>
 *   <li><b>authenticate</b> — done at the edge ({@code http/ProxyAuth}), which hands in the {@link CallContext};</li>
 *   <li><b>price</b> — validate the request, resolve the model (or the model an active SLA failover sends it to,
 *       {@code failover/FailoverRouting}), find its price ({@link #target});</li>
 *   <li><b>admit</b> — rate limits, then one reservation of the worst case on every budget, clamping the
 *       output limit near a limit ({@link CallMetering#admitChat}, {@code admission/AdmissionService});</li>
 *   <li><b>cache</b> — a hit answers from the response cache, settled at cost 0 ({@link CacheStep},
 *       {@code cache/ResponseCaching}); a miss's answer is stored once complete;</li>
 *   <li><b>route and call upstream</b> — deployments in the router's order, then fallbacks ({@link UpstreamRoute});</li>
 *   <li><b>settle</b> — counters, the spend-log line and alerts, exactly once ({@link CallMetering#settlement}),
 *       after the response's last byte: the caller sends the answer, then runs {@link CallResult.Complete#settle};
 *       a stream settles through {@link CallResult.Streaming#settle} when the relay has ended — the same
 *       {@link #settlementOf} either way. Only refusals and failed calls settle before they answer.</li>
 * </ol>
 * Any refusal on the way is logged (cost 0) and rethrown. Knows nothing of HTTP.
 */
@Singleton
public class CallPipeline {
    public static final String MODEL_USED = "x-tollgate-model-used";
    public static final String ATTEMPTED_FALLBACKS = "x-tollgate-attempted-fallbacks";

    private final ModelResolver models;
    private final PriceBook prices;
    private final ProviderRegistry providers;
    private final GatewayConfig config;
    private final CallMetering metering;
    private final Router router;
    private final UpstreamRoute route;
    private final ResponseCaching caching;
    private final CacheStep cache;
    private final FailoverRouting failovers;

    public CallPipeline(
            ModelResolver models,
            PriceBook prices,
            ProviderRegistry providers,
            GatewayConfig config,
            CallMetering metering,
            Router router,
            DeploymentHealth health,
            ResponseCaching caching,
            FailoverRouting failovers) {
        this.models = models;
        this.prices = prices;
        this.providers = providers;
        this.config = config;
        this.metering = metering;
        this.router = router;
        this.route = new UpstreamRoute(router, prices, health);
        this.caching = caching;
        this.cache = new CacheStep(caching, metering);
        this.failovers = failovers;
    }

    public CallResult chat(CallContext call, ObjectNode body, String endUserHeader) {
        return chat(call, SpendLogRecord.CHAT_COMPLETION, body, endUserHeader);
    }

    /**
     * A chat completion logged as {@code callType}: the Messages and Responses APIs are bridged to chat
     * completions and run this same path, logged as {@code messages} and {@code responses}.
     */
    public CallResult chat(CallContext call, String callType, ObjectNode body, String endUserHeader) {
        Target target = target(call, callType, body, () -> {
            RequestValidator.chat(body);
            CacheControl.of(body);
        });
        CacheLookup lookup =
                caching.plan(call.principal(), body, target.deployment().name());
        ObjectNode upstream = body.deepCopy();
        upstream.remove("cache");
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            upstream.withObject("stream_options").put("include_usage", true);
        }
        CallMetering.Metered metered = metering.admitChat(
                call,
                callType,
                body,
                target.deployment(),
                target.price(),
                chainPrices(target.deployment().name()),
                upstream,
                endUserHeader);
        Optional<CallResult> cached = cache.answer(lookup, metered, body, tokenizerModel(target.deployment()));
        if (cached.isPresent()) {
            return cached.get();
        }
        UpstreamRoute.Answered answered = callUpstream(call, metered, target, expectedCost(body), (d, price) -> {
            UpstreamRequest request = request(d, UpstreamRequest.Operation.CHAT, upstream);
            return stream
                    ? Served.streaming(
                            d, price, cache.recordIfStored(lookup, providers.get(d.providerId()).stream(request)))
                    : Served.complete(d, price, providers.get(d.providerId()).complete(request));
        });
        Served served = answered.served();
        if (served.stream() != null) {
            boolean clientWantsUsage =
                    body.path("stream_options").path("include_usage").asBoolean(false);
            StreamPlan plan =
                    new StreamPlan(body, served.price(), clientWantsUsage, tokenizerModel(served.deployment()));
            Map<String, String> headers = headers(metered, answered);
            headers.putAll(CacheStep.headers(lookup, false));
            return new CallResult.Streaming(served.stream(), plan, headers, outcome -> {
                settlementOf(metered, answered, outcome).write().run();
                cache.storeStreamed(lookup, served.stream(), outcome);
            });
        }
        ObjectNode answer = served.response().body();
        CallCost cost = CallCost.ofChat(
                served.price(),
                body,
                answer.get("usage"),
                answer.path("service_tier").asText(null),
                answer.path("choices").path(0).path("message").path("content").asText(""),
                tokenizerModel(served.deployment()));
        return complete(
                metered,
                answered,
                answer,
                cost,
                answer,
                CacheStep.headers(lookup, false),
                () -> cache.store(lookup, answer));
    }

    public CallResult.Complete embeddings(CallContext call, ObjectNode body, String endUserHeader) {
        Target target = target(call, SpendLogRecord.EMBEDDING, body, () -> RequestValidator.embeddings(body));
        ObjectNode upstream = body.deepCopy();
        int inputTokens = TokenCounter.countText(
                tokenizerModel(target.deployment()), body.path("input").toString());
        BigDecimal inputCost = CallCost.of(target.price(), Usage.of(inputTokens, 0), ServiceTier.STANDARD)
                .cost()
                .total();
        Prediction worst = new Prediction(inputTokens, 0, inputCost, BigDecimal.ZERO, inputCost, 0, inputCost);
        CallMetering.Metered metered = metering.admitEmbedding(
                call, body, target.deployment(), target.price(), upstream, worst, endUserHeader);
        UpstreamRoute.Answered answered = callUpstream(
                call,
                metered,
                target,
                null,
                (d, price) -> Served.complete(
                        d,
                        price,
                        providers
                                .get(d.providerId())
                                .complete(request(d, UpstreamRequest.Operation.EMBEDDINGS, upstream))));
        Served served = answered.served();
        ObjectNode answer = served.response().body();
        CallCost cost =
                CallCost.ofEmbeddings(served.price(), body, answer.get("usage"), tokenizerModel(served.deployment()));
        return complete(metered, answered, answer, cost, null, Map.of(), () -> {});
    }

    /**
     * The input tokens of a chat request on the model it names, counted as the budget check counts them
     * (the model's tokenizer, messages, tools and images). Nothing is reserved, called or logged.
     */
    public int countInputTokens(CallContext call, ObjectNode body) {
        RequestValidator.chat(body);
        ModelDeployment deployment = allowed(call, models.resolve(RequestValidator.model(body)));
        return CostPredictor.inputTokens(prices.priceOf(deployment), body);
    }

    /**
     * Runs the route; when no deployment answers, settles the call at cost 0 with the error the client
     * gets, and throws it.
     */
    private UpstreamRoute.Answered callUpstream(
            CallContext call,
            CallMetering.Metered metered,
            Target target,
            Function<ModelDeployment, BigDecimal> expectedCost,
            UpstreamRoute.Attempt attempt) {
        UpstreamRoute.Outcome outcome = route.run(call, target.deployment().name(), expectedCost, attempt);
        switch (outcome) {
            case UpstreamRoute.Answered answered -> {
                return answered;
            }
            case UpstreamRoute.Failed failed -> {
                metering.settle(
                        metered,
                        CallOutcome.failed(failed.error(), null, failed.upstreamCalled())
                                .after(Math.max(0, failed.failedAttempts() - 1), failed.fallbackTried()));
                throw failed.error();
            }
            case UpstreamRoute.Crashed crashed -> {
                metering.settle(
                        metered.servedBy(crashed.deployment(), crashed.price()),
                        CallOutcome.failed(GatewayException.internal("Internal error in the gateway"), null, true)
                                .after(crashed.failedAttempts(), crashed.fallback()));
                throw crashed.cause();
            }
        }
    }

    /**
     * A complete answer with its headers; its settlement (and {@code afterSettle}, e.g. storing it in the cache) is
     * written by whoever sends it, after the response.
     */
    private CallResult.Complete complete(
            CallMetering.Metered metered,
            UpstreamRoute.Answered answered,
            ObjectNode answer,
            CallCost cost,
            JsonNode loggedResponse,
            Map<String, String> cacheHeaders,
            Runnable afterSettle) {
        CallMetering.Settlement settlement = settlementOf(
                metered, answered, CallOutcome.ok(cost, answered.served().attempts(), null, loggedResponse));
        Map<String, String> headers = headers(metered, answered);
        headers.putAll(settlement.headers());
        headers.putAll(cacheHeaders);
        return new CallResult.Complete(answer, cost, headers, () -> {
            settlement.write().run();
            afterSettle.run();
        });
    }

    /** Step 6 (settle) for a call a deployment answered, streamed or not: its own outcome plus the attempts before it. */
    private CallMetering.Settlement settlementOf(
            CallMetering.Metered metered, UpstreamRoute.Answered answered, CallOutcome outcome) {
        Served served = answered.served();
        return metering.settlement(
                metered.servedBy(served.deployment(), served.price()),
                outcome.after(answered.failedAttempts(), answered.fallbackIndex() > 0),
                null);
    }

    /** Headers known once a deployment has answered (a stream's leave before it ends). */
    private Map<String, String> headers(CallMetering.Metered metered, UpstreamRoute.Answered answered) {
        Map<String, String> headers = new LinkedHashMap<>(metering.earlyHeaders(metered));
        headers.put(MODEL_USED, answered.served().deployment().name());
        headers.put(ATTEMPTED_FALLBACKS, Integer.toString(answered.fallbackIndex()));
        if (metered.call().failoverRuleId() != null) {
            headers.put(FailoverRouting.HEADER, metered.call().failoverRuleId());
        }
        return headers;
    }

    /**
     * A chat call's expected cost on a deployment, for cost-based routing: its input counted with that model's
     * tokenizer, its output as the predictor expects it (docs/routing-by-cost in the README); null when unpriced.
     */
    private Function<ModelDeployment, BigDecimal> expectedCost(ObjectNode body) {
        return d -> prices.find(d)
                .map(price -> CostPredictor.predict(price, body).totalEstimatedCostUsd())
                .orElse(null);
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
            deployment = allowed(call, models.resolve(model));
            Optional<ActiveFailover> failover = failovers.divert(deployment.name());
            if (failover.isPresent()) {
                // the reservation below prices the fallback (and its own fallbacks): chainPrices(its name)
                call.failoverRuleId(failover.get().ruleId());
                deployment = models.resolve(failover.get().fallbackModel());
            }
            price = prices.priceOf(deployment);
            return new Target(deployment, price);
        } catch (GatewayException refused) {
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

    /** The deployment, if the caller's key may call its model; else the 403 {@code model_not_allowed}. */
    private static ModelDeployment allowed(CallContext call, ModelDeployment deployment) {
        if (call.principal() != null && !call.principal().allowsModel(deployment.name())) {
            throw new GatewayException(
                    403,
                    "permission_error",
                    "This key may not call model '" + deployment.name() + "'",
                    "model",
                    "model_not_allowed");
        }
        return deployment;
    }

    private static String tokenizerModel(ModelDeployment d) {
        return d.baseModel() != null ? d.baseModel() : d.upstreamModel();
    }
}
