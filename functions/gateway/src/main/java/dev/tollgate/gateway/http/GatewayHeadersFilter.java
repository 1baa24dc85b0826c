package dev.tollgate.gateway.http;

import dev.tollgate.gateway.call.CallContext;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every response, errors included, carries {@code x-tollgate-request-id} and {@code x-tollgate-overhead-ms}.
 * For a stream the overhead is measured when the headers go out (the upstream has answered, no chunk relayed yet).
 * It is the first filter, so a request refused by a later one ({@link AdminGate}) still gets both headers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(GatewayHeadersFilter.ORDER)
public class GatewayHeadersFilter {
    static final int ORDER = 0;

    public static final String REQUEST_ID = "x-tollgate-request-id";
    public static final String OVERHEAD = "x-tollgate-overhead-ms";

    private static final String ATTRIBUTE = "tollgate.call";

    /** The call a request belongs to, created here on its way in (or on first use, if a test bypasses the filter). */
    public static CallContext callOf(HttpRequest<?> request) {
        return callOf(request, java.time.Clock.systemUTC());
    }

    private static CallContext callOf(HttpRequest<?> request, java.time.Clock clock) {
        return request.getAttribute(ATTRIBUTE, CallContext.class).orElseGet(() -> {
            CallContext created = CallContext.start(clock);
            request.setAttribute(ATTRIBUTE, created);
            return created;
        });
    }

    private final java.time.Clock clock;

    public GatewayHeadersFilter(java.time.Clock clock) {
        this.clock = clock;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        callOf(request, clock);
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        CallContext call = callOf(request);
        response.header(REQUEST_ID, call.requestId());
        response.header(OVERHEAD, call.overheadMillis());
    }
}
