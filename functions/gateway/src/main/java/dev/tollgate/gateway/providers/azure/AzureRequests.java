package dev.tollgate.gateway.providers.azure;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.openai.OpenAiCompatibleProvider.Target;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request mapping for Azure OpenAI: the deployment URL and the {@code api-key} header. The deployment is
 * the model's {@code model} field (what the Azure portal calls the deployment name).
 */
final class AzureRequests {
    /** The latest GA data-plane version; it supports {@code stream_options.include_usage}. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    private AzureRequests() {}

    static Target target(UpstreamRequest request) {
        ModelDeployment d = request.deployment();
        Map<String, String> headers = new LinkedHashMap<>();
        if (d.apiKey() != null && !d.apiKey().isBlank()) {
            headers.put("api-key", d.apiKey());
        }
        if (d.headers() != null) {
            headers.putAll(d.headers());
        }
        return new Target(uri(d, request.operation()), headers);
    }

    static URI uri(ModelDeployment d, UpstreamRequest.Operation operation) {
        if (d.apiBase() == null || d.apiBase().isBlank()) {
            throw new ConfigException("model '" + d.name()
                    + "' needs an api_base: the Azure OpenAI resource URL, e.g. https://my-resource.openai.azure.com");
        }
        String base = d.apiBase().replaceAll("/+$", "");
        if (base.endsWith("/openai")) {
            base = base.substring(0, base.length() - "/openai".length());
        }
        String version = d.apiVersion() == null || d.apiVersion().isBlank() ? DEFAULT_API_VERSION : d.apiVersion();
        return URI.create(base + "/openai/deployments/" + encode(d.upstreamModel()) + operation.path() + "?api-version="
                + encode(version));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
