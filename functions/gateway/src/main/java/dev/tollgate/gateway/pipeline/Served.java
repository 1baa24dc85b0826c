package dev.tollgate.gateway.pipeline;

import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.pricing.ModelPrice;

/**
 * What the deployment that answered returned: a complete response or an open stream (one of the two),
 * and how many upstream attempts that deployment took (its own retries included).
 */
record Served(
        ModelDeployment deployment, ModelPrice price, UpstreamResponse response, UpstreamStream stream, int attempts) {

    static Served complete(ModelDeployment deployment, ModelPrice price, UpstreamResponse response) {
        return new Served(deployment, price, response, null, response.attempts());
    }

    static Served streaming(ModelDeployment deployment, ModelPrice price, UpstreamStream stream) {
        return new Served(deployment, price, null, stream, stream.attempts());
    }
}
