package dev.tollgate.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ModelDeployment;
import java.time.Duration;

/**
 * A call to make upstream.
 *
 * @param deployment where it goes
 * @param operation  what it is
 * @param body       the OpenAI-shaped body, with {@code model} already set to the upstream model name
 * @param timeout    per-attempt timeout
 * @param maxRetries retries allowed on 429/5xx/connect errors before any byte reached the client
 */
public record UpstreamRequest(
        ModelDeployment deployment, Operation operation, ObjectNode body, Duration timeout, int maxRetries) {

    public enum Operation {
        CHAT("/chat/completions"),
        EMBEDDINGS("/embeddings");

        private final String path;

        Operation(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
