package dev.tollgate.gateway.providers.azure;

import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.providers.openai.OpenAiCompatibleProvider;
import jakarta.inject.Singleton;

/**
 * Azure OpenAI through its classic deployment URLs ({@code /openai/deployments/{deployment}/…?api-version=…})
 * with the {@code api-key} header (no Entra ID). Bodies are OpenAI's both ways, so the HTTP work is
 * {@link OpenAiCompatibleProvider}'s; Azure's extra fields ({@code prompt_filter_results},
 * {@code content_filter_results}) are kept. Only the stream needs a touch: see {@link AzureStreamChunks}.
 * An Azure resource's {@code /openai/v1} endpoint is OpenAI-compatible and needs no provider of its own.
 */
@Singleton
public class AzureOpenAiProvider implements Provider {
    private final OpenAiCompatibleProvider openAi;

    public AzureOpenAiProvider(OpenAiCompatibleProvider openAi) {
        this.openAi = openAi;
    }

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public UpstreamResponse complete(UpstreamRequest request) {
        return openAi.complete(request, AzureRequests.target(request));
    }

    @Override
    public UpstreamStream stream(UpstreamRequest request) {
        UpstreamStream upstream = openAi.stream(request, AzureRequests.target(request));
        return new AzureStreamChunks(upstream, request.body().path("model").asText());
    }
}
