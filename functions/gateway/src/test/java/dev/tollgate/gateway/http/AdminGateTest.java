package dev.tollgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.AdminRouteAudit;
import dev.tollgate.gateway.testing.BothRuntimes;
import dev.tollgate.gateway.testing.RouteCaller;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the gateway, on Netty and through the Lambda handler, against the admin gate
 * ({@link AdminGate}): without the master key only the allow-listed routes ({@link AdminRouteAudit#OPEN}) are
 * reachable, and the refusals are the OpenAI-shaped errors they always were. The control plane's routes:
 * {@code AnalyticsAdminGateTest}.
 */
class AdminGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BothRuntimes gateway;

    @BeforeAll
    static void start() {
        gateway = BothRuntimes.start(Map::of);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyController_isRouted_soTheAuditSeesAllOfThem() {
        Set<Class<?>> routed = new TreeSet<>(Comparator.comparing(Class::getName));
        routes().forEach(r -> routed.add(r.controller()));

        assertEquals(AdminRouteAudit.controllersOfModule(AdminGate.class), routed);
    }

    @Test
    void adminRoutes_onNetty_refuseNoKeyWith401_andAVirtualKeyWith403() {
        assertEquals(List.of(), AdminRouteAudit.problems(routes(), gateway.netty, gateway.virtualKey));
    }

    @Test
    void adminRoutes_inTheLambdaHandler_refuseNoKeyWith401_andAVirtualKeyWith403() {
        assertEquals(List.of(), AdminRouteAudit.problems(routes(), gateway.lambda, gateway.virtualKey));
    }

    @Test
    void allowList_namesOnlyRoutesThatExist() {
        assertEquals(Set.of(), AdminRouteAudit.staleEntries(routes()));
    }

    @Test
    void refusals_areTheOpenAiErrors_withTheRequestId_onBothRuntimes() throws Exception {
        for (RouteCaller runtime : List.of(gateway.netty, gateway.lambda)) {
            RouteCaller.Answer none = runtime.call("GET", "/key/list", null);
            RouteCaller.Answer virtual = runtime.call("POST", "/team/new", gateway.virtualKey);

            assertEquals(401, none.status());
            assertEquals(
                    JSON.readTree("{\"error\":{\"message\":\"No API key provided. Send 'Authorization: Bearer <key>'"
                            + " (or an 'api-key' / 'x-api-key' header).\",\"type\":\"invalid_request_error\","
                            + "\"param\":null,\"code\":\"invalid_api_key\"}}"),
                    JSON.readTree(none.body()));
            assertEquals(403, virtual.status());
            assertEquals(
                    JSON.readTree("{\"error\":{\"message\":\"Only the master key may call POST /team/new; this key is"
                            + " a virtual key.\",\"type\":\"permission_error\",\"param\":null,"
                            + "\"code\":\"forbidden\"}}"),
                    JSON.readTree(virtual.body()));
            for (RouteCaller.Answer refused : List.of(none, virtual)) {
                assertEquals("application/json", refused.headers().get("content-type"));
                assertNotNull(
                        refused.headers().get(GatewayHeadersFilter.REQUEST_ID),
                        refused.headers().toString());
                assertNotNull(
                        refused.headers().get(GatewayHeadersFilter.OVERHEAD),
                        refused.headers().toString());
            }
        }
    }

    @Test
    void masterKey_passesTheGate_onBothRuntimes() throws Exception {
        for (RouteCaller runtime : List.of(gateway.netty, gateway.lambda)) {
            RouteCaller.Answer list = runtime.call("GET", "/key/list", BothRuntimes.MASTER);

            assertEquals(200, list.status(), list.body());
            JsonNode keys = JSON.readTree(list.body()).path("keys");
            assertEquals(1, keys.size(), list.body());
        }
    }

    @Test
    void aVirtualKey_stillReadsItsOwnKeyInfo_pastTheGatedKeyRoutes() throws Exception {
        for (RouteCaller runtime : List.of(gateway.netty, gateway.lambda)) {
            RouteCaller.Answer own = runtime.call("GET", "/key/info", gateway.virtualKey);
            RouteCaller.Answer other = runtime.call("GET", "/key/info?key=sk-someone-else", gateway.virtualKey);

            assertEquals(200, own.status(), own.body());
            assertEquals(403, other.status(), other.body());
        }
    }

    @Test
    void noRoute_isStill404Or405_whoeverAsks() {
        for (RouteCaller runtime : List.of(gateway.netty, gateway.lambda)) {
            for (String key : java.util.Arrays.asList(null, gateway.virtualKey)) {
                assertEquals(404, runtime.call("GET", "/key/nothing-here", key).status());
                assertEquals(405, runtime.call("DELETE", "/key/list", key).status());
            }
        }
    }

    private static List<AdminRouteAudit.Route> routes() {
        return AdminRouteAudit.routes(gateway.context());
    }
}
