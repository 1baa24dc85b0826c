package dev.tollgate.gateway.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One model the gateway serves: the public {@code name} clients send, and where it goes upstream.
 *
 * @param name          public model name (what clients put in {@code model})
 * @param provider      provider id: {@code openai} (any OpenAI-compatible API), {@code azure}, {@code anthropic},
 *                      {@code bedrock} or {@code mock}
 * @param model         the provider's model name; defaults to {@code name} (an alias when they differ)
 * @param apiBase       base URL of an OpenAI-compatible API, up to and including {@code /v1}; Azure's resource URL;
 *                      Anthropic's (default https://api.anthropic.com); for Bedrock an endpoint override
 * @param apiKey        secret; write {@code ${ENV_VAR}} or {@code os.environ/ENV_VAR} in the file
 * @param timeoutSeconds upstream timeout for one attempt
 * @param maxRetries    retries on 429/5xx/connect errors (never once a stream has started)
 * @param baseModel     the catalogue entry to price this model by, when {@code model} is not in it
 * @param pricing       per-model price overrides in LiteLLM's field names, or {@code free: true}
 * @param headers       extra headers sent upstream (e.g. an organisation id)
 * @param mock          settings of the built-in mock provider
 * @param apiVersion    Azure OpenAI's {@code api-version} query parameter (provider {@code azure}; default 2024-10-21)
 * @param region        AWS region of a Bedrock model (provider {@code bedrock}); default {@code AWS_REGION}
 * @param maxOutputTokens the {@code max_tokens} sent when a request sets none, for APIs that require one
 * @param weight        share of traffic when several deployments serve the same name (default 1)
 *                      (provider {@code anthropic}); default: the model's limit from the price map, else 4096
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ModelDeployment(
        @JsonAlias("model_name") String name,
        String provider,
        String model,
        String apiBase,
        String apiKey,
        Integer timeoutSeconds,
        Integer maxRetries,
        String baseModel,
        Map<String, Object> pricing,
        Map<String, String> headers,
        MockSettings mock,
        String apiVersion,
        String region,
        Integer maxOutputTokens,
        Integer weight) {

    public String upstreamModel() {
        return model == null || model.isBlank() ? name : model;
    }

    public String providerId() {
        return provider == null ? "openai" : provider;
    }

    public int timeoutOr(int fallback) {
        return timeoutSeconds == null ? fallback : timeoutSeconds;
    }

    public int retriesOr(int fallback) {
        return maxRetries == null ? fallback : maxRetries;
    }

    /** Share of traffic among the deployments that serve the same public name (default 1). */
    public int weightOrDefault() {
        return weight == null || weight < 0 ? 1 : weight;
    }

    public MockSettings mockOrDefault() {
        return mock == null ? MockSettings.DEFAULT : mock;
    }
}
