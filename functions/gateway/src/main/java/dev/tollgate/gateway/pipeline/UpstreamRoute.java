package dev.tollgate.gateway.pipeline;

import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.UpstreamException;
import dev.tollgate.gateway.routing.DeploymentHealth;
import dev.tollgate.gateway.routing.Router;
import dev.tollgate.pricing.ModelPrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Step 4 of the pipeline: calls the requested model's deployments in the router's order, then (if they
 * fail in a way another model may not) the requested model's fallback models, until one answers. Every
 * attempt feeds the deployment's health and the call's upstream time. Knows nothing of budgets or logs.
 */
final class UpstreamRoute {
    private final Router router;
    private final PriceBook prices;
    private final DeploymentHealth health;

    UpstreamRoute(Router router, PriceBook prices, DeploymentHealth health) {
        this.router = router;
        this.prices = prices;
        this.health = health;
    }

    /** One call to one deployment; throws {@link GatewayException} when that deployment fails. */
    interface Attempt {
        Served call(ModelDeployment deployment, ModelPrice price);
    }

    /** How the route ended. */
    sealed interface Outcome {}

    /**
     * A deployment answered.
     *
     * @param failedAttempts upstream attempts that failed before it, on other deployments or models
     * @param fallbackIndex  0 when the requested model answered, n when its n-th model of the chain did
     */
    record Answered(Served served, int failedAttempts, int fallbackIndex) implements Outcome {}

    /**
     * Every deployment failed (or none was priced): the client gets {@code error}.
     *
     * @param failedAttempts upstream attempts made, all failed
     * @param fallbackTried  whether a fallback model was in the chain
     */
    record Failed(GatewayException error, int failedAttempts, boolean fallbackTried, boolean upstreamCalled)
            implements Outcome {}

    /** An attempt crashed with an unexpected error (a bug, not an upstream failure) on {@code deployment}. */
    record Crashed(
            RuntimeException cause, ModelDeployment deployment, ModelPrice price, int failedAttempts, boolean fallback)
            implements Outcome {}

    /**
     * @param expectedCost the call's expected cost on a deployment, for groups routed by cost
     *                     ({@code routing_strategy: cost}); null for calls that are not
     */
    Outcome run(
            CallContext call,
            String requestedModel,
            Function<ModelDeployment, BigDecimal> expectedCost,
            Attempt attempt) {
        List<String> chain = new ArrayList<>(List.of(requestedModel));
        GatewayException lastError = null;
        int failedAttempts = 0;
        for (int modelIndex = 0; modelIndex < chain.size(); modelIndex++) {
            for (ModelDeployment deployment : router.order(chain.get(modelIndex), expectedCost)) {
                ModelPrice price = prices.find(deployment).orElse(null);
                if (price == null) {
                    continue;
                }
                long start = System.nanoTime();
                try {
                    Served served = attempt.call(deployment, price);
                    health.success(deployment, Duration.ofNanos(System.nanoTime() - start));
                    return new Answered(served, failedAttempts, modelIndex);
                } catch (GatewayException failure) {
                    health.failure(deployment, failure.status(), failure.getMessage());
                    failedAttempts += failure instanceof UpstreamException upstream ? upstream.attempts() : 1;
                    lastError = failure;
                    if (!Router.isRetryable(failure)) {
                        break;
                    }
                } catch (RuntimeException crash) {
                    return new Crashed(crash, deployment, price, failedAttempts, modelIndex > 0);
                } finally {
                    call.addUpstreamNanos(System.nanoTime() - start);
                }
            }
            if (modelIndex == 0 && lastError != null) {
                addFallbacks(chain, router.fallbacks(requestedModel, lastError));
            }
            if (lastError != null && !Router.isRetryable(lastError) && !Router.isContextOverflow(lastError)) {
                break;
            }
        }
        GatewayException error = lastError != null
                ? lastError
                : GatewayException.upstreamUnavailable(
                        "No priced deployment could serve model '" + requestedModel + "'");
        return new Failed(error, failedAttempts, chain.size() > 1, lastError != null);
    }

    private static void addFallbacks(List<String> chain, List<String> fallbacks) {
        for (String fallback : fallbacks) {
            if (!chain.contains(fallback)) {
                chain.add(fallback);
            }
        }
    }
}
