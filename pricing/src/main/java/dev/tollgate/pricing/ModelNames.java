package dev.tollgate.pricing;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue keys worth trying for a (provider, model, base model) triple, most specific
 * first. Pure string work; {@link PriceCatalog#resolve} looks each up until one is found.
 */
final class ModelNames {

    /** Provider names a client or config may use, to the route prefix LiteLLM keys carry. */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("google", "gemini"),
            Map.entry("google_ai_studio", "gemini"),
            Map.entry("gemini", "gemini"),
            Map.entry("vertex", "vertex_ai"),
            Map.entry("vertexai", "vertex_ai"),
            Map.entry("vertex_ai", "vertex_ai"),
            Map.entry("google_vertex", "vertex_ai"),
            Map.entry("aws", "bedrock"),
            Map.entry("bedrock", "bedrock"),
            Map.entry("aws_bedrock", "bedrock"),
            Map.entry("bedrock_converse", "bedrock"),
            Map.entry("azure", "azure"),
            Map.entry("azure_openai", "azure"),
            Map.entry("openai", "openai"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("models", "models"));

    /** {@code bedrock/us-east-1/…}, {@code bedrock/us-gov-west-1/…}, {@code bedrock/*}/…. */
    private static final Pattern AWS_REGION = Pattern.compile("\\*|[a-z]{2}(-gov)?-[a-z]+-\\d");
    /** Bedrock cross-region inference profiles: {@code us.anthropic.claude-…}. */
    private static final Pattern CROSS_REGION =
            Pattern.compile("^(us|eu|apac|au|jp|ca|sa|global|us-gov)\\.(?=[a-z]+\\.)");
    /** Bedrock model version: {@code claude-sonnet-4-5-20250929-v1:0}. */
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");

    private ModelNames() {}

    /**
     * Candidates, in order: the base model's forms, then the model's. For each name:
     * {@code route/name}, {@code name}, then the name without a route prefix
     * ({@code openai/gpt-4o → gpt-4o}), AWS region path, Bedrock cross-region prefix
     * ({@code us.}), vendor prefix ({@code anthropic.}) and version ({@code -v1:0}), and
     * Vertex's {@code @date} as {@code -date}.
     */
    static Set<String> candidates(String provider, String model, String baseModel) {
        String route = route(provider);
        Set<String> out = new LinkedHashSet<>();
        expand(route, baseModel, out);
        expand(route, model, out);
        return out;
    }

    static String route(String provider) {
        if (provider == null || provider.isBlank()) {
            return null;
        }
        String p = provider.trim().toLowerCase(Locale.ROOT);
        return ROUTES.getOrDefault(p, p);
    }

    private static void expand(String route, String name, Set<String> out) {
        if (name == null || name.isBlank()) {
            return;
        }
        name = name.trim();
        if (route != null && !route.equals("models") && !name.startsWith(route + "/")) {
            out.add(route + "/" + name);
        }
        out.add(name);
        int slash = name.indexOf('/');
        if (slash > 0) {
            String first = name.substring(0, slash).toLowerCase(Locale.ROOT);
            if (ROUTES.containsKey(first) || first.equals(route)) {
                String rest = name.substring(slash + 1);
                // Gemini's REST form "models/gemini-2.5-pro" keeps the caller's route.
                String restRoute = first.equals("models") ? route : ROUTES.getOrDefault(first, first);
                int next = rest.indexOf('/');
                if ("bedrock".equals(restRoute)
                        && next > 0
                        && AWS_REGION.matcher(rest.substring(0, next)).matches()) {
                    expand(restRoute, rest.substring(next + 1), out);
                }
                expand(restRoute, rest, out);
            }
            return;
        }
        if (name.startsWith("ft:")) {
            String[] parts = name.split(":");
            if (parts.length > 2) {
                expand(route, "ft:" + parts[1], out);
            }
            if (parts.length > 1) {
                expand(route, parts[1], out);
            }
            return;
        }
        String crossRegionless = CROSS_REGION.matcher(name).replaceFirst("");
        if (!crossRegionless.equals(name)) {
            expand(route, crossRegionless, out);
            return;
        }
        if (name.startsWith("anthropic.")) {
            String bare = name.substring("anthropic.".length());
            expand(route, bare, out);
            return;
        }
        if (name.startsWith("claude") && BEDROCK_VERSION.matcher(name).find()) {
            expand(route, BEDROCK_VERSION.matcher(name).replaceFirst(""), out);
        }
        if (name.indexOf('@') > 0) {
            expand(route, name.replace('@', '-'), out);
        }
    }
}
