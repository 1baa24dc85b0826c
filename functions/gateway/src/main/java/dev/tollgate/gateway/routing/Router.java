package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Chooses where a call goes: the deployments of the requested model, first one picked by weight among
 * those not cooling down, then the others; then, model by model, the configured fallbacks. A prompt too
 * long for the model goes to the context-window fallbacks instead.
 */
@Singleton
public class Router {
    private final GatewayConfig config;
    private final DeploymentHealth health;

    public Router(GatewayConfig config, DeploymentHealth health) {
        this.config = config;
        this.health = health;
    }

    /** The deployments of one public model, in the order to try them. */
    public List<ModelDeployment> order(String model) {
        return order(model, null);
    }

    /**
     * The deployments of one public model, in the order to try them. A group with {@code routing_strategy: cost}
     * puts its healthy deployments cheapest first by {@code expectedCost} (the call's expected cost on each; a
     * deployment it cannot price goes last), equal costs in weighted-random order; otherwise healthy ones are
     * shuffled by weight. Deployments cooling down come after every healthy one, in the same order rule.
     */
    public List<ModelDeployment> order(String model, Function<ModelDeployment, BigDecimal> expectedCost) {
        List<ModelDeployment> healthy = new ArrayList<>();
        List<ModelDeployment> cooling = new ArrayList<>();
        for (ModelDeployment d : config.group(model)) {
            (health.coolingDown(d) ? cooling : healthy).add(d);
        }
        boolean byCost = expectedCost != null && config.router().costBased(model);
        List<ModelDeployment> ordered =
                new ArrayList<>(byCost ? CostOrder.of(healthy, expectedCost) : shuffle(healthy));
        ordered.addAll(byCost ? CostOrder.of(cooling, expectedCost) : cooling);
        return ordered;
    }

    /** Weighted random order: each next deployment drawn by weight from those left. */
    static List<ModelDeployment> shuffle(List<ModelDeployment> candidates) {
        List<ModelDeployment> left = new ArrayList<>(candidates);
        List<ModelDeployment> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            ordered.add(left.remove(pickByWeight(left)));
        }
        return ordered;
    }

    /** The models to try after {@code model} fails with {@code error}: its fallbacks, for this kind of failure. */
    public List<String> fallbacks(String model, GatewayException error) {
        if (isContextOverflow(error)) {
            return config.router().contextWindowFallbacksFor(model);
        }
        return isRetryable(error) ? config.router().fallbacksFor(model) : List.of();
    }

    /** Every model a call to {@code model} may end up using (itself first), for reserving the worst case. */
    public List<String> chain(String model) {
        List<String> chain = new ArrayList<>(List.of(model));
        for (String m : config.router().fallbacksFor(model)) {
            if (!chain.contains(m)) {
                chain.add(m);
            }
        }
        for (String m : config.router().contextWindowFallbacksFor(model)) {
            if (!chain.contains(m)) {
                chain.add(m);
            }
        }
        return chain;
    }

    /** 429, 5xx, and the gateway's own 502/504 (unreachable, timed out) move on to the next deployment. */
    public static boolean isRetryable(GatewayException error) {
        return error.status() == 429 || error.status() >= 500;
    }

    public static boolean isContextOverflow(GatewayException error) {
        String code = error.code() == null ? "" : error.code();
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(java.util.Locale.ROOT);
        return error.status() == 400
                && (code.equals("context_length_exceeded")
                        || message.contains("maximum context length")
                        || message.contains("prompt is too long"));
    }

    private static int pickByWeight(List<ModelDeployment> candidates) {
        int total =
                candidates.stream().mapToInt(ModelDeployment::weightOrDefault).sum();
        if (total <= 0) {
            return 0;
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < candidates.size(); i++) {
            ticket -= candidates.get(i).weightOrDefault();
            if (ticket < 0) {
                return i;
            }
        }
        return candidates.size() - 1;
    }
}
