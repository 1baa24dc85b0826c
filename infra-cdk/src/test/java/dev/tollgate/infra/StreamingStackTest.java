package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.ADMIN;
import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.PROXY;
import static dev.tollgate.infra.Stacks.environment;
import static dev.tollgate.infra.Stacks.function;
import static dev.tollgate.infra.Stacks.functionId;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Token-by-token streaming on AWS (docs/decisions.md, "Streaming on Lambda"): the proxy's integration streams,
 * API Gateway may invoke it that way, and the proxy function starts Tollgate's streaming runtime through the
 * exec wrapper layer with SnapStart still on.
 */
class StreamingStackTest {

    @Test
    void proxyIntegrations_streamTheResponse_throughInvokeWithResponseStream() {
        List<Map<String, Object>> proxyMethods = integrations(DEV, PROXY);
        assertEquals(4, proxyMethods.size(), "/, /{proxy+}, /spend, /spend/{proxy+}");
        for (Map<String, Object> integration : proxyMethods) {
            assertEquals("STREAM", integration.get("ResponseTransferMode"), integration.toString());
            // The InvokeWithResponseStream API: 2021-11-15/…/response-streaming-invocations
            String uri = integration.get("Uri").toString();
            assertTrue(uri.contains("2021-11-15/functions/"), uri);
            assertTrue(uri.contains("/response-streaming-invocations"), uri);
        }
    }

    @Test
    void adminIntegrations_stayBuffered() {
        List<Map<String, Object>> adminMethods = integrations(DEV, ADMIN);
        assertFalse(adminMethods.isEmpty());
        for (Map<String, Object> integration : adminMethods) {
            assertFalse("STREAM".equals(integration.get("ResponseTransferMode")), integration.toString());
            assertTrue(integration.get("Uri").toString().contains("2015-03-31/functions/"));
        }
    }

    @Test
    void invokePermission_letsThisApiInvokeTheProxyAlias_whichInvokeWithResponseStreamRequires() {
        // Lambda's API reference: InvokeWithResponseStream "requires permission for the lambda:InvokeFunction
        // action"; there is no separate action to grant.
        String alias = aliasOf(DEV, PROXY);
        Map<String, Object> match = new HashMap<>();
        match.put("Properties", Map.of("FunctionName", Map.of("Ref", alias)));
        Map<String, Map<String, Object>> permissions = DEV.findResources("AWS::Lambda::Permission", match);
        assertEquals(1, permissions.size(), permissions.keySet().toString());
        Map<String, Object> permission =
                properties(permissions.values().iterator().next());
        assertEquals("lambda:InvokeFunction", permission.get("Action"));
        assertEquals("apigateway.amazonaws.com", permission.get("Principal"));
        assertTrue(
                permission.get("SourceArn").toString().contains(onlyLogicalId(DEV, "AWS::ApiGateway::RestApi")),
                "scoped to this API: " + permission.get("SourceArn"));
    }

    @Test
    void proxyFunction_startsTheStreamingRuntime_throughTheExecWrapperLayer() {
        for (Template template : List.of(DEV, PROD)) {
            Map<String, Object> proxy = function(template, PROXY);
            assertEquals("java21", proxy.get("Runtime"));
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), proxy.get("SnapStart"), "SnapStart stays on");
            assertEquals("/opt/tollgate-streaming", environment(template, PROXY).get("AWS_LAMBDA_EXEC_WRAPPER"));
            assertEquals("256m", environment(template, PROXY).get("TOLLGATE_MAX_HEAP"), "the wrapper caps the heap");
            assertEquals(512, proxy.get("MemorySize"), "from the measured need, docs/cost.md");
            List<?> layers = (List<?>) proxy.get("Layers");
            assertEquals(1, layers.size());
            String layer = onlyLogicalId(template, "AWS::Lambda::LayerVersion");
            assertEquals(Map.of("Ref", layer), layers.get(0));
            Map<String, Object> layerProps = properties(
                    template.findResources("AWS::Lambda::LayerVersion").get(layer));
            assertEquals(List.of("java21"), layerProps.get("CompatibleRuntimes"));
            assertEquals(List.of("arm64"), layerProps.get("CompatibleArchitectures"));
        }
    }

    @Test
    void adminFunction_keepsTheManagedRuntimeClient() {
        assertFalse(environment(DEV, ADMIN).containsKey("AWS_LAMBDA_EXEC_WRAPPER"));
        assertEquals(null, function(DEV, ADMIN).get("Layers"));
    }

    /** The Integration block of every method whose integration targets the function's alias. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> integrations(final Template template, final String name) {
        String alias = aliasOf(template, name);
        return template.findResources("AWS::ApiGateway::Method").values().stream()
                .map(method -> (Map<String, Object>) properties(method).get("Integration"))
                .filter(integration -> integration.get("Uri").toString().contains(alias))
                .toList();
    }

    private static String aliasOf(final Template template, final String name) {
        Map<String, Object> match = new HashMap<>();
        match.put("Properties", Map.of("FunctionName", Map.of("Ref", functionId(template, name))));
        return template.findResources("AWS::Lambda::Alias", match)
                .keySet()
                .iterator()
                .next();
    }
}
