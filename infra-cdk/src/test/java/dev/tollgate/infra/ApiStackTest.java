package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.ADMIN;
import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.PROXY;
import static dev.tollgate.infra.Stacks.functionId;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The REST API: routes, stage, access log, outputs. */
class ApiStackTest {

    @Test
    void api_isRegional() {
        DEV.hasResourceProperties(
                "AWS::ApiGateway::RestApi", Map.of("EndpointConfiguration", Map.of("Types", List.of("REGIONAL"))));
    }

    @Test
    void routes_sendAdminPathsToTheAdminAlias_andEverythingElseToTheProxyAlias() {
        Map<String, String> expected = new TreeMap<>();
        for (String path : List.of("/", "/{proxy+}", "/spend", "/spend/{proxy+}")) {
            expected.put(path, PROXY);
        }
        for (String prefix : List.of("key", "team", "user", "customer", "tag", "ui", "auth")) {
            expected.put("/" + prefix, ADMIN);
            expected.put("/" + prefix + "/{proxy+}", ADMIN);
        }
        for (String path : List.of("/alerts", "/spend/logs", "/spend/tags", "/v2/team/list")) {
            expected.put(path, ADMIN);
        }
        assertEquals(expected, routes(DEV));
    }

    @Test
    void dashboard_pageAssetsAndSignIn_areServedByTheAdminFunction() {
        Map<String, String> routes = routes(DEV);
        for (String path : List.of("/ui", "/ui/{proxy+}", "/auth", "/auth/{proxy+}")) {
            assertEquals(ADMIN, routes.get(path), path);
        }
    }

    @Test
    void integrations_areLambdaProxyIntegrations_onAnyMethod_withTheContextTimeout() {
        DEV.allResourcesProperties(
                "AWS::ApiGateway::Method",
                Map.of(
                        "HttpMethod",
                        "ANY",
                        "Integration",
                        Match.objectLike(Map.of("Type", "AWS_PROXY", "TimeoutInMillis", 29_000))));
        PROD.allResourcesProperties(
                "AWS::ApiGateway::Method", Map.of("Integration", Match.objectLike(Map.of("TimeoutInMillis", 90_000))));
    }

    @Test
    void invokePermissions_oneForEachAlias_scopedToThisApi() {
        for (String name : List.of(PROXY, ADMIN)) {
            DEV.hasResourceProperties(
                    "AWS::Lambda::Permission",
                    Map.of(
                            "Principal", "apigateway.amazonaws.com",
                            "FunctionName", Map.of("Ref", aliasOf(DEV, name)),
                            "SourceArn",
                                    Map.of(
                                            "Fn::Join",
                                            List.of(
                                                    "",
                                                    Match.arrayWith(List.of(Map.of(
                                                            "Ref",
                                                            onlyLogicalId(DEV, "AWS::ApiGateway::RestApi"))))))));
        }
    }

    @Test
    void apiStage_isNamedAfterTheStage_andThrottled() {
        DEV.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "StageName",
                        "dev",
                        "MethodSettings",
                        List.of(Match.objectLike(Map.of(
                                "HttpMethod",
                                "*",
                                "ResourcePath",
                                "/*",
                                "ThrottlingRateLimit",
                                100,
                                "ThrottlingBurstLimit",
                                200)))));
        PROD.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "StageName",
                        "prod",
                        "MethodSettings",
                        List.of(Match.objectLike(Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000)))));
    }

    @Test
    void apiStage_writesOneJsonObjectPerRequest_toItsAccessLogGroup() {
        Capture format = new Capture();
        Capture destination = new Capture();
        DEV.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "AccessLogSetting",
                        Map.of("DestinationArn", Map.of("Fn::GetAtt", List.of(destination, "Arn")), "Format", format)));
        assertTrue(DEV.findResources("AWS::Logs::LogGroup").containsKey(destination.asString()));

        // WHEN API Gateway fills in the variables (messageString arrives already quoted)
        String line = format.asString().replace("$context.error.messageString", "\"-\"");
        // THEN the line is a flat JSON object of string values
        assertTrue(line.matches("\\{\"\\w+\":\"[^\"]*\"(,\"\\w+\":\"[^\"]*\")*}"), line);
        assertTrue(line.contains("\"requestId\":\"$context.requestId\""), line);
        assertTrue(line.contains("\"status\":\"$context.status\""), line);
    }

    @Test
    void apiStage_logsEveryMethodsErrors_withoutDataTrace() {
        // Data tracing would write request bodies (prompts) and headers (keys) to the execution log.
        DEV.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "MethodSettings",
                        List.of(Match.objectLike(Map.of(
                                "HttpMethod", "*",
                                "ResourcePath", "/*",
                                "LoggingLevel", "ERROR",
                                "DataTraceEnabled", false)))));
    }

    @Test
    void executionLogGroup_isTheStacksOwn_withTheContextRetention_andExistsBeforeTheStage() {
        // GIVEN the group API Gateway writes execution logs to (it would create it without expiry)
        Map<String, Object> name = Map.of(
                "Fn::Join",
                List.of(
                        "",
                        List.of(
                                "API-Gateway-Execution-Logs_",
                                Map.of("Ref", onlyLogicalId(DEV, "AWS::ApiGateway::RestApi")),
                                "/dev")));
        Map<String, Map<String, Object>> groups =
                DEV.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("LogGroupName", name)));

        // THEN the stack creates it with the stage's retention, and the stage depends on it
        assertEquals(1, groups.size(), groups::toString);
        assertEquals(30, properties(groups.values().iterator().next()).get("RetentionInDays"));
        DEV.hasResource(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "DependsOn",
                        Match.arrayWith(List.of(groups.keySet().iterator().next()))));
    }

    @Test
    void outputs_openAiBaseUrlIsTheStageUrlPlusV1_andApiUrlExists() {
        DEV.hasOutput("ApiUrl", Map.of());
        DEV.hasOutput(
                "OpenAiBaseUrl",
                Map.of(
                        "Value",
                        Map.of(
                                "Fn::Join",
                                List.of(
                                        "",
                                        Match.arrayWith(List.of(
                                                Map.of("Ref", onlyLogicalId(DEV, "AWS::ApiGateway::Stage")),
                                                "/v1"))))));
    }

    /** Path of every method to the function ("Tollgate proxy" / "Tollgate admin API") its alias belongs to. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> routes(final Template template) {
        Map<String, String> aliases = Map.of(aliasOf(template, PROXY), PROXY, aliasOf(template, ADMIN), ADMIN);
        String rootId = onlyLogicalId(template, "AWS::ApiGateway::RestApi");
        Map<String, Map<String, Object>> resources = template.findResources("AWS::ApiGateway::Resource");
        Map<String, String> routes = new TreeMap<>();
        for (Map<String, Object> method :
                template.findResources("AWS::ApiGateway::Method").values()) {
            Map<String, Object> props = properties(method);
            Map<String, Object> resourceId = (Map<String, Object>) props.get("ResourceId");
            String path = resourceId.containsKey("Fn::GetAtt")
                    ? "/"
                    : path(resources, (String) resourceId.get("Ref"), rootId);
            Map<String, Object> uri = (Map<String, Object>) ((Map<String, Object>) props.get("Integration")).get("Uri");
            String target = ((List<Object>) ((List<Object>) uri.get("Fn::Join")).get(1))
                    .stream()
                            .filter(part -> part instanceof Map<?, ?> m && aliases.containsKey(m.get("Ref")))
                            .map(part -> aliases.get(((Map<?, ?>) part).get("Ref")))
                            .findFirst()
                            .orElse("?");
            routes.put(path, target);
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static String path(final Map<String, Map<String, Object>> resources, final String id, final String rootId) {
        Map<String, Object> props = properties(resources.get(id));
        Map<String, Object> parent = (Map<String, Object>) props.get("ParentId");
        String prefix = parent.containsKey("Fn::GetAtt") ? "" : path(resources, (String) parent.get("Ref"), rootId);
        return prefix + "/" + props.get("PathPart");
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
