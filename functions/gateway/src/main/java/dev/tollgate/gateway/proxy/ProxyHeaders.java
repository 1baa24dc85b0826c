package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.cost.CallCost;
import io.micronaut.http.MutableHttpResponse;

/** The cost headers of a proxied response, Tollgate's and LiteLLM's names (for tools written against LiteLLM). */
public final class ProxyHeaders {
    public static final String COST = "x-tollgate-response-cost";
    public static final String LITELLM_COST = "x-litellm-response-cost";
    public static final String USAGE_ESTIMATED = "x-tollgate-usage-estimated";

    private ProxyHeaders() {}

    public static <T> MutableHttpResponse<T> cost(MutableHttpResponse<T> response, CallCost cost) {
        response.header(COST, cost.totalText());
        response.header(LITELLM_COST, cost.totalText());
        if (cost.usage().estimated()) {
            response.header(USAGE_ESTIMATED, "true");
        }
        return response;
    }
}
