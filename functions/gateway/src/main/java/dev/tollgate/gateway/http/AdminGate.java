package dev.tollgate.gateway.http;

import dev.tollgate.gateway.identity.Principal;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteMatch;

/**
 * The admin API's one gate: every {@link AdminOnly} route passes here first, on the Netty server and in the
 * Lambda handler alike. No key → 401, a virtual key → 403 {@code permission_error} ({@link AdminAuth}); the
 * refusal is a {@code GatewayException}, answered by the same handler as any other. The admin principal is
 * kept on the request for the routes that record who made a change ({@link #admin}).
 *
 * <p>It runs after {@link GatewayHeadersFilter}, so refusals carry the request id too, and on the blocking
 * pool, as the key lookup may read DynamoDB. Its {@code route} parameter keeps it off requests that match no
 * route (404, 405), which are answered as before, whoever sends them.
 */
@AdminOnly
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(AdminGate.ORDER)
public class AdminGate {
    /** After {@link GatewayHeadersFilter}. */
    static final int ORDER = GatewayHeadersFilter.ORDER + 100;

    private static final String ADMIN = "tollgate.admin";

    private final AdminAuth auth;

    public AdminGate(AdminAuth auth) {
        this.auth = auth;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void requireAdmin(HttpRequest<?> request, RouteMatch<?> route) {
        request.setAttribute(ADMIN, auth.requireAdmin(request));
    }

    /** The admin who passed the gate, for an {@link AdminOnly} route that records who acted. */
    public static Principal admin(HttpRequest<?> request) {
        return request.getAttribute(ADMIN, Principal.class)
                .orElseThrow(() -> new IllegalStateException(
                        request.getMethodName() + " " + request.getPath() + " is not an @AdminOnly route"));
    }
}
