package dev.tollgate.gateway.proxy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every response, errors included, carries {@code x-tollgate-request-id} and {@code x-tollgate-overhead-ms}.
 * For a stream the overhead is measured when the headers go out (the upstream has answered, no chunk relayed yet).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class GatewayHeadersFilter {
    public static final String REQUEST_ID = "x-tollgate-request-id";
    public static final String OVERHEAD = "x-tollgate-overhead-ms";

    @RequestFilter
    public void start(HttpRequest<?> request) {
        CallContext.of(request);
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        CallContext call = CallContext.of(request);
        response.header(REQUEST_ID, call.requestId());
        response.header(OVERHEAD, call.overheadMillis());
    }
}
