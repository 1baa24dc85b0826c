package dev.tollgate.gateway.providers;

/**
 * One upstream API family. A provider maps an OpenAI-shaped request to its API and the answer back
 * to OpenAI's shape; the proxy never sees provider formats. Adding a provider means adding a package
 * with one of these and registering it in {@link ProviderRegistry}.
 */
public interface Provider {

    /** The {@code provider:} value in {@code tollgate.yml}. */
    String id();

    /** A non-streamed call (chat completion or embeddings); retries are the provider's business. */
    UpstreamResponse complete(UpstreamRequest request);

    /**
     * Opens a streamed chat completion. Failures before the first chunk throw (and may be retried);
     * once this returns, the stream is committed and never retried.
     */
    UpstreamStream stream(UpstreamRequest request);
}
