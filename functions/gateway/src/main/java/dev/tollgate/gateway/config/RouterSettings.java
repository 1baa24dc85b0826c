package dev.tollgate.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code router_settings} block of {@code tollgate.yml} (LiteLLM's name for it).
 *
 * @param fallbacks              public model → ordered models to try when it fails with 429, 5xx or a timeout
 * @param contextWindowFallbacks public model → ordered larger-context models to try when the prompt is too long
 * @param allowedFails           consecutive failures (or one 429) after which a deployment cools down (default 3)
 * @param cooldownSeconds        how long a deployment is skipped after that (default 30)
 * @param routingStrategy        how every model group picks a deployment: {@code simple-shuffle} (by weight, the
 *                               default) or {@code cost} (LiteLLM's {@code cost-based-routing} is accepted too)
 * @param routingStrategies      the same per model group, overriding {@code routingStrategy}: {@code {fast: cost}}
 */
public record RouterSettings(
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        Integer allowedFails,
        Integer cooldownSeconds,
        String routingStrategy,
        Map<String, String> routingStrategies) {

    public static final RouterSettings DEFAULT = new RouterSettings(null, null, null, null, null, null);

    public RouterSettings {
        strategy(routingStrategy);
        if (routingStrategies != null) {
            routingStrategies.values().forEach(RouterSettings::strategy);
        }
    }

    /** Whether {@code model}'s group sends each call to its cheapest healthy deployment. */
    public boolean costBased(String model) {
        String s = routingStrategies != null && routingStrategies.containsKey(model)
                ? routingStrategies.get(model)
                : routingStrategy;
        return strategy(s);
    }

    /** true for cost-based routing, false for the weighted shuffle; anything else is a configuration error. */
    private static boolean strategy(String name) {
        if (name == null || name.equals("simple-shuffle") || name.equals("weighted")) {
            return false;
        }
        if (name.equals("cost") || name.equals("cost-based-routing")) {
            return true;
        }
        throw new IllegalArgumentException(
                "routing_strategy must be simple-shuffle or cost (cost-based-routing), not '" + name + "'");
    }

    public List<String> fallbacksFor(String model) {
        return fallbacks == null ? List.of() : fallbacks.getOrDefault(model, List.of());
    }

    public List<String> contextWindowFallbacksFor(String model) {
        return contextWindowFallbacks == null ? List.of() : contextWindowFallbacks.getOrDefault(model, List.of());
    }

    public int allowedFailsOrDefault() {
        return allowedFails == null ? 3 : Math.max(1, allowedFails);
    }

    public int cooldownSecondsOrDefault() {
        return cooldownSeconds == null ? 30 : Math.max(0, cooldownSeconds);
    }
}
