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
 */
public record RouterSettings(
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        Integer allowedFails,
        Integer cooldownSeconds) {

    public static final RouterSettings DEFAULT = new RouterSettings(null, null, null, null);

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
