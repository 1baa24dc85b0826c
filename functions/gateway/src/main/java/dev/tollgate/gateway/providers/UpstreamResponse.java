package dev.tollgate.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful upstream answer in OpenAI's shape.
 *
 * @param body     the response body, fields passed through untouched
 * @param attempts how many attempts it took (1 = no retry)
 */
public record UpstreamResponse(ObjectNode body, int attempts) {}
