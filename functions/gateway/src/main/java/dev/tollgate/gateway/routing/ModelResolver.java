package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Public model name → configured deployment; an unknown name is a 404 that lists the nearest configured names. */
@Singleton
public class ModelResolver {
    private static final int SUGGESTIONS = 3;
    private final GatewayConfig config;

    public ModelResolver(GatewayConfig config) {
        this.config = config;
    }

    public ModelDeployment resolve(String name) {
        return config.model(name)
                .orElseThrow(() -> GatewayException.modelNotFound(
                        "The model '" + name + "' does not exist on this gateway. Nearest configured models: "
                                + String.join(", ", nearest(name)) + ". GET /v1/models lists them all."));
    }

    List<String> nearest(String name) {
        String target = name.toLowerCase(Locale.ROOT);
        return config.modelNames().stream()
                .sorted(Comparator.comparingInt(
                                (String candidate) -> distance(target, candidate.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(SUGGESTIONS)
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
