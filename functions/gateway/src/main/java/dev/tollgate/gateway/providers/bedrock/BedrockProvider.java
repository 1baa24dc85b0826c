package dev.tollgate.gateway.providers.bedrock;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.Backoff;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * Amazon Bedrock through Converse and ConverseStream (AWS SDK v2), signed with the default credentials
 * chain: the function's role, no API key. Region per model ({@code region}, else {@code AWS_REGION});
 * {@code api_base} overrides the endpoint (tests, VPC endpoints). Mapping lives beside it:
 * {@link BedrockRequests}, {@link BedrockResponses}, {@link BedrockStream}, {@link BedrockErrors}.
 * Retries on throttling, 5xx and connection errors use the gateway's backoff, only before the first
 * byte reaches the client.
 */
@Singleton
public class BedrockProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(BedrockProvider.class);

    private final BedrockClients clients = new BedrockClients();
    private final Backoff backoff;

    public BedrockProvider(GatewayConfig config) {
        this.backoff = new Backoff(Duration.ofMillis(config.settings().retryBaseDelay()), Duration.ofSeconds(8));
    }

    @Override
    public String id() {
        return "bedrock";
    }

    @Override
    public UpstreamResponse complete(UpstreamRequest request) {
        ModelDeployment d = chatOnly(request);
        ConverseRequest converse = BedrockRequests.map(request.body()).converse().toBuilder()
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(request.timeout()))
                .build();
        for (int attempt = 0; ; attempt++) {
            try {
                ConverseResponse response = clients.sync(d).converse(converse);
                return new UpstreamResponse(
                        BedrockResponses.toChatCompletion(
                                response, request.body().path("model").asText()),
                        attempt + 1);
            } catch (RuntimeException e) {
                if (!BedrockErrors.retryable(e) || attempt >= request.maxRetries()) {
                    throw BedrockErrors.from(e, d, attempt + 1);
                }
                pause(d, attempt, request.maxRetries(), e);
            }
        }
    }

    @Override
    public UpstreamStream stream(UpstreamRequest request) {
        ModelDeployment d = chatOnly(request);
        BedrockRequests.Parts parts = BedrockRequests.map(request.body());
        String model = request.body().path("model").asText();
        boolean includeUsage =
                request.body().path("stream_options").path("include_usage").asBoolean(false);
        for (int attempt = 0; ; attempt++) {
            int attempts = attempt + 1;
            BedrockUpstreamStream stream = new BedrockUpstreamStream(
                    clients.async(d),
                    parts.converseStream(),
                    request.timeout(),
                    id -> new BedrockStream(id, model, includeUsage),
                    error -> BedrockErrors.from(error, d, attempts));
            Throwable failure = stream.awaitFirst(attempts);
            if (failure == null) {
                return stream;
            }
            stream.close();
            if (!BedrockErrors.retryable(failure) || attempt >= request.maxRetries()) {
                throw BedrockErrors.from(failure, d, attempts);
            }
            pause(d, attempt, request.maxRetries(), failure);
        }
    }

    private static ModelDeployment chatOnly(UpstreamRequest request) {
        if (request.operation() != UpstreamRequest.Operation.CHAT) {
            throw GatewayException.invalidRequest(
                    "The bedrock provider serves chat completions (Converse) only; model '"
                            + request.deployment().name() + "' cannot serve embeddings",
                    "model");
        }
        return request.deployment();
    }

    private void pause(ModelDeployment d, int attempt, int maxRetries, Throwable e) {
        Duration wait = backoff.delay(attempt, null);
        LOG.warn(
                "Bedrock {} ({}) failed: {}; retry {} of {} in {} ms",
                d.upstreamModel(),
                BedrockClients.region(d),
                BedrockErrors.unwrap(e).getClass().getSimpleName(),
                attempt + 1,
                maxRetries,
                wait.toMillis());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw GatewayException.upstreamUnavailable("Interrupted while waiting to retry Bedrock");
        }
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
