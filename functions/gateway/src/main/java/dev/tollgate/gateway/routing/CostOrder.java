package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.ModelDeployment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cost-based routing (LiteLLM's {@code cost-based-routing}): deployments cheapest first by the call's expected
 * cost on each; deployments that cost the same are drawn by weight among themselves; those that cannot be priced
 * come last, by weight.
 */
final class CostOrder {
    private CostOrder() {}

    static List<ModelDeployment> of(List<ModelDeployment> candidates, Function<ModelDeployment, BigDecimal> cost) {
        // compareTo, not equals: 0.10 and 0.1 are the same price
        Map<BigDecimal, List<ModelDeployment>> byCost = new TreeMap<>();
        List<ModelDeployment> unpriced = new ArrayList<>();
        for (ModelDeployment d : candidates) {
            BigDecimal c = cost.apply(d);
            if (c == null) {
                unpriced.add(d);
            } else {
                byCost.computeIfAbsent(c, k -> new ArrayList<>()).add(d);
            }
        }
        List<ModelDeployment> ordered = new ArrayList<>();
        byCost.values().forEach(tie -> ordered.addAll(Router.shuffle(tie)));
        ordered.addAll(Router.shuffle(unpriced));
        return ordered;
    }
}
