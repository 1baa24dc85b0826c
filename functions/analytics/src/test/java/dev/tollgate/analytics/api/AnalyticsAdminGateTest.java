package dev.tollgate.analytics.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.chargeback.ChargebackController;
import dev.tollgate.analytics.testing.EmbeddedPg;
import dev.tollgate.gateway.testing.AdminRouteAudit;
import dev.tollgate.gateway.testing.BothRuntimes;
import dev.tollgate.gateway.testing.RouteCaller;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane's routes (and the gateway's beside them, as the admin function serves both), on Netty
 * and through the Lambda handler, against the admin gate: every analytics route is master key only.
 */
class AnalyticsAdminGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BothRuntimes gateway;

    @BeforeAll
    static void start() {
        gateway = BothRuntimes.start(() -> {
            // a database of its own per runtime; a bucket (never reached) so the rollup rebuild is routed too
            Map<String, Object> properties = new HashMap<>(EmbeddedPg.datasourceProperties());
            properties.put("tollgate.storage.bucket", "gate-test");
            properties.put("tollgate.storage.s3-endpoint", "http://127.0.0.1:9");
            return properties;
        });
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyAnalyticsController_isRouted_soTheAuditSeesAllOfThem() {
        Set<Class<?>> controllers = AdminRouteAudit.controllersOfModule(Listing.class);
        Set<Class<?>> routed = new java.util.HashSet<>();
        routes().forEach(r -> routed.add(r.controller()));

        assertTrue(controllers.contains(ChargebackController.class), controllers.toString());
        assertEquals(Set.of(), difference(controllers, routed));
    }

    @Test
    void routes_onNetty_refuseNoKeyWith401_andAVirtualKeyWith403() {
        assertEquals(List.of(), AdminRouteAudit.problems(routes(), gateway.netty, gateway.virtualKey));
    }

    @Test
    void routes_inTheLambdaHandler_refuseNoKeyWith401_andAVirtualKeyWith403() {
        assertEquals(List.of(), AdminRouteAudit.problems(routes(), gateway.lambda, gateway.virtualKey));
    }

    @Test
    void noAnalyticsRoute_isOnTheAllowList() {
        List<String> open = routes().stream()
                .filter(r -> r.controller().getPackageName().startsWith("dev.tollgate.analytics"))
                .filter(r -> r.open() != null)
                .map(AdminRouteAudit.Route::name)
                .toList();

        assertEquals(List.of(), open);
    }

    @Test
    void anExport_recordsTheAdminTheGateLetThrough_inTheLambdaHandler() throws Exception {
        RouteCaller lambda = gateway.lambda;
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
        RouteCaller.Answer report = lambda.send(
                "POST", "/api/v1/chargeback/reports/generate", BothRuntimes.MASTER, "{\"period\":\"" + period + "\"}");
        assertEquals(200, report.status(), report.body());
        String id = JSON.readTree(report.body()).path("id").asText();
        assertEquals(
                200,
                lambda.call("POST", "/api/v1/chargeback/reports/" + id + "/finalize", BothRuntimes.MASTER)
                        .status());

        RouteCaller.Answer export =
                lambda.call("GET", "/api/v1/chargeback/reports/" + id + "/export?format=csv", BothRuntimes.MASTER);

        assertEquals(200, export.status(), export.body());
        JsonNode shown = JSON.readTree(lambda.call("GET", "/api/v1/chargeback/reports/" + id, BothRuntimes.MASTER)
                .body());
        // the master key's principal, as the gate put it on the request
        assertEquals("master", shown.path("exported_by").asText(), shown.toString());
    }

    private static List<AdminRouteAudit.Route> routes() {
        return AdminRouteAudit.routes(gateway.context());
    }

    private static Set<Class<?>> difference(Set<Class<?>> all, Set<Class<?>> some) {
        Set<Class<?>> rest = new java.util.HashSet<>(all);
        rest.removeAll(some);
        return rest;
    }
}
