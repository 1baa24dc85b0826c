package dev.tollgate.gateway.providers.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.providers.UpstreamRequest.Operation;
import org.junit.jupiter.api.Test;

/** Azure's deployment URLs: resource, deployment, operation and api-version. */
class AzureRequestsTest {

    @Test
    void uri_namesTheDeploymentAndTheApiVersion() {
        assertEquals(
                "https://acme.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01-preview",
                AzureRequests.uri(deployment("https://acme.openai.azure.com/", "2025-01-01-preview"), Operation.CHAT)
                        .toString());
    }

    @Test
    void uri_defaultsTheApiVersion_andAcceptsABaseEndingInOpenai() {
        assertEquals(
                "https://acme.openai.azure.com/openai/deployments/gpt4o-prod/embeddings?api-version=2024-10-21",
                AzureRequests.uri(deployment("https://acme.openai.azure.com/openai", null), Operation.EMBEDDINGS)
                        .toString());
    }

    @Test
    void uri_withoutApiBase_isAConfigErrorSayingWhatToSet() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> AzureRequests.uri(deployment(null, null), Operation.CHAT));

        assertEquals(true, e.getMessage().contains("openai.azure.com"));
    }

    private static ModelDeployment deployment(String apiBase, String apiVersion) {
        return new ModelDeployment(
                "gpt-4o",
                "azure",
                "gpt4o-prod",
                apiBase,
                "k",
                null,
                null,
                null,
                null,
                null,
                null,
                apiVersion,
                null,
                null,
                null);
    }
}
