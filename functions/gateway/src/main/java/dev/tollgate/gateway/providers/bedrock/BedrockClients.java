package dev.tollgate.gateway.providers.bedrock;

import dev.tollgate.gateway.config.ModelDeployment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Bedrock runtime clients, one pair per (region, endpoint), built on first use (no AWS call at start-up).
 * Signed with the default credentials chain (the Lambda role on AWS). The SDK does not retry: the
 * provider does, with the gateway's backoff and counting, as for every other upstream. Converse runs
 * on the sync client over {@code url-connection-client}; ConverseStream on the async client over
 * {@link JdkAsyncHttpClient}.
 */
final class BedrockClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Whole-call timeouts are per request (apiCallAttemptTimeout / the stream's first-event wait); these only bound a dead socket. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(15);

    private record Key(String region, String endpoint) {}

    private final Map<Key, BedrockRuntimeClient> sync = new ConcurrentHashMap<>();
    private final Map<Key, BedrockRuntimeAsyncClient> async = new ConcurrentHashMap<>();
    private final DefaultCredentialsProvider credentials =
            DefaultCredentialsProvider.builder().build();

    BedrockRuntimeClient sync(ModelDeployment d) {
        return sync.computeIfAbsent(key(d), k -> {
            var builder = BedrockRuntimeClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(SOCKET_TIMEOUT))
                    .region(Region.of(k.region()))
                    .credentialsProvider(credentials)
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
            if (k.endpoint() != null) {
                builder.endpointOverride(URI.create(k.endpoint()));
            }
            return builder.build();
        });
    }

    BedrockRuntimeAsyncClient async(ModelDeployment d) {
        return async.computeIfAbsent(key(d), k -> {
            var builder = BedrockRuntimeAsyncClient.builder()
                    .httpClient(new JdkAsyncHttpClient(CONNECT_TIMEOUT, SOCKET_TIMEOUT))
                    .region(Region.of(k.region()))
                    .credentialsProvider(credentials)
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
            if (k.endpoint() != null) {
                builder.endpointOverride(URI.create(k.endpoint()));
            }
            return builder.build();
        });
    }

    /** The model's {@code region}, else {@code AWS_REGION} (always set on Lambda), else us-east-1. */
    static String region(ModelDeployment d) {
        if (d.region() != null && !d.region().isBlank()) {
            return d.region();
        }
        String env = System.getenv("AWS_REGION");
        return env == null || env.isBlank() ? "us-east-1" : env;
    }

    private static Key key(ModelDeployment d) {
        String endpoint = d.apiBase() == null || d.apiBase().isBlank() ? null : d.apiBase();
        return new Key(region(d), endpoint);
    }

    @Override
    public void close() {
        sync.values().forEach(BedrockRuntimeClient::close);
        async.values().forEach(BedrockRuntimeAsyncClient::close);
        credentials.close();
    }
}
