package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Assertions on the synthesized CloudFormation. Both stacks live in one app and are
 * synthesized once (the first synth in a JVM takes seconds; later ones are cheap).
 */
class TollgateStackTest {

    @TempDir
    static Path lambdaAsset;

    private static Template dev;
    private static Template prod;

    @BeforeAll
    static void synthesize() throws IOException {
        // A stand-in for the shaded jar: the tests never need the real artifact.
        Files.writeString(lambdaAsset.resolve("placeholder.txt"), "not a real Lambda");
        // The feature flags in cdk.json change the template: synthesize with them, as the CLI does.
        App app = App.Builder.create().context(cdkJsonContext()).build();
        TollgateStack devStack = new TollgateStack(app, "Tollgate-dev",
                TollgateStackProps.builder().stage("dev").lambdaCode(placeholderCode()).build());
        TollgateStack prodStack = new TollgateStack(app, "Tollgate-prod",
                TollgateStackProps.builder()
                        .stage("prod")
                        .lambdaCode(placeholderCode())
                        .logRetention(RetentionDays.ONE_YEAR)
                        .throttlingRateLimit(500)
                        .throttlingBurstLimit(1000)
                        .build());
        dev = Template.fromStack(devStack);
        prod = Template.fromStack(prodStack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() throws IOException {
        // jackson-databind comes with the jsii runtime.
        Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        return (Map<String, Object>) cdkJson.get("context");
    }

    /** An asset belongs to one stack: each stack gets its own Code. */
    private static Code placeholderCode() {
        return Code.fromAsset(lambdaAsset.toString());
    }

    @Test
    void table_isKeyedByStringPkAndSk_andBilledOnDemand() {
        dev.resourceCountIs("AWS::DynamoDB::Table", 1);
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    void table_hasPointInTimeRecovery() {
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    }

    @Test
    void table_expiresItemsByTtlAttribute() {
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    }

    @Test
    void table_streamsNewAndOldImages_forTheSpendLogShipper() {
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
    }

    @Test
    void devStage_tableIsDeletable_andDestroyedWithTheStack() {
        dev.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)),
                "DeletionPolicy", "Delete"));
    }

    @Test
    void prodStage_tableHasDeletionProtection_andIsRetained() {
        prod.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)),
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void proxyFunction_isJava21OnArm64_withSnapStartOnPublishedVersions() {
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", TollgateStack.PROXY_HANDLER,
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void proxyFunction_has1024MbAnd120sTimeout() {
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", TollgateStack.PROXY_HANDLER,
                "MemorySize", 1024,
                "Timeout", 120));
    }

    @Test
    void proxyFunction_environment_namesTheTable_andSelectsLambdaEnvironment() {
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(
                        "TOLLGATE_STORAGE_TABLE", Map.of("Ref", onlyLogicalId(dev, "AWS::DynamoDB::Table")),
                        "MICRONAUT_ENVIRONMENTS", "lambda",
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))));
    }

    @Test
    void proxyFunction_liveAlias_pointsAtTheCurrentVersion() {
        dev.resourceCountIs("AWS::Lambda::Version", 1);
        dev.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", TollgateStack.LIVE_ALIAS,
                "FunctionVersion", Map.of("Fn::GetAtt",
                        List.of(onlyLogicalId(dev, "AWS::Lambda::Version"), "Version"))));
    }

    @Test
    void proxyFunction_logsToGroupWithContextRetention() {
        // GIVEN dev with the default retention (30 days), prod with 365
        // THEN the function's log group and the access log group carry that retention
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.anyValue()))));
        dev.resourceCountIs("AWS::Logs::LogGroup", 2);
        dev.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        prod.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
    }

    @Test
    void proxyPolicy_grantsNamedTableActionsOnly_noWildcard() {
        // GIVEN the policy attached to the proxy function's role
        Capture role = new Capture();
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", TollgateStack.PROXY_HANDLER,
                "Role", Map.of("Fn::GetAtt", List.of(role, "Arn"))));
        Map<String, Object> rolePolicy = Map.of("Properties", Map.of(
                "Roles", List.of(Map.of("Ref", role.asString()))));
        Map<String, Map<String, Object>> policies = dev.findResources("AWS::IAM::Policy", rolePolicy);
        assertEquals(1, policies.size(), "one inline policy on the proxy role");

        // THEN no action is a wildcard ("*", "dynamodb:*", "dynamodb:Get*")
        List<String> actions = actionsOf(policies.values().iterator().next());
        assertFalse(actions.isEmpty());
        assertTrue(actions.stream().noneMatch(action -> action.contains("*")), () -> "wildcard in " + actions);
        assertTrue(actions.containsAll(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:Query")), () -> "missing in " + actions);

        // AND the one statement (minimizePolicies merges them) names the table's ARN only
        dev.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", role.asString())),
                "PolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Resource", Map.of("Fn::GetAtt",
                                List.of(onlyLogicalId(dev, "AWS::DynamoDB::Table"), "Arn"))))))));
    }

    @Test
    void api_isRegional_andSendsRootAndEveryPathToTheLiveAlias() {
        dev.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL"))));
        dev.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"));
        // ANY on "/" and ANY on "/{proxy+}", both Lambda proxy integrations to the alias
        dev.resourceCountIs("AWS::ApiGateway::Method", 2);
        dev.allResourcesProperties("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "ANY",
                "Integration", Map.of(
                        "Type", "AWS_PROXY",
                        "Uri", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                Map.of("Ref", onlyLogicalId(dev, "AWS::Lambda::Alias")))))))));
    }

    @Test
    void apiStage_isNamedAfterTheStage_andThrottled() {
        dev.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "dev",
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "ThrottlingRateLimit", 100,
                        "ThrottlingBurstLimit", 200)))));
        prod.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "prod",
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 500,
                        "ThrottlingBurstLimit", 1000)))));
    }

    @Test
    void apiStage_writesOneJsonObjectPerRequest_toItsAccessLogGroup() {
        Capture format = new Capture();
        Capture destination = new Capture();
        dev.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "AccessLogSetting", Map.of(
                        "DestinationArn", Map.of("Fn::GetAtt", List.of(destination, "Arn")),
                        "Format", format)));
        assertTrue(dev.findResources("AWS::Logs::LogGroup").containsKey(destination.asString()));

        // WHEN API Gateway fills in the variables (messageString arrives already quoted)
        String line = format.asString().replace("$context.error.messageString", "\"-\"");
        // THEN the line is a flat JSON object of string values
        assertTrue(line.matches("\\{\"\\w+\":\"[^\"]*\"(,\"\\w+\":\"[^\"]*\")*}"), line);
        assertTrue(line.contains("\"requestId\":\"$context.requestId\""), line);
        assertTrue(line.contains("\"status\":\"$context.status\""), line);
        assertTrue(line.contains("\"integrationLatencyMs\":\"$context.integrationLatency\""), line);
    }

    @Test
    void outputs_openAiBaseUrlIsTheStageUrlPlusV1_andApiUrlExists() {
        dev.hasOutput("ApiUrl", Map.of());
        dev.hasOutput("OpenAiBaseUrl", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(
                List.of(Map.of("Ref", onlyLogicalId(dev, "AWS::ApiGateway::Stage")), "/v1"))))));
    }

    @Test
    void functions_haveNoEnvironmentValueThatLooksLikeASecret() {
        for (Template template : List.of(dev, prod)) {
            for (Map<String, Object> function : template.findResources("AWS::Lambda::Function").values()) {
                Map<String, Object> variables = environmentOf(function);
                variables.forEach((name, value) -> {
                    // Secrets come from Secrets Manager at run time, never from the template.
                    assertFalse(value instanceof String s && s.contains("sk-"), () -> name + " holds a key");
                    assertFalse(name.matches(".*(SECRET|PASSWORD|TOKEN|API_KEY).*") && value instanceof String,
                            () -> name + " holds a literal credential");
                });
            }
        }
    }

    private static String onlyLogicalId(final Template template, final String type) {
        Map<String, Map<String, Object>> resources = template.findResources(type);
        assertEquals(1, resources.size(), () -> "expected one " + type + ", found " + resources.keySet());
        return resources.keySet().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static List<String> actionsOf(final Map<String, Object> policy) {
        Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
        Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
        List<String> actions = new ArrayList<>();
        for (Object statement : (List<Object>) document.get("Statement")) {
            Object action = ((Map<String, Object>) statement).get("Action");
            if (action instanceof List<?> list) {
                list.forEach(a -> actions.add((String) a));
            } else {
                actions.add((String) action);
            }
        }
        return actions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(final Map<String, Object> function) {
        Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
        Map<String, Object> environment = (Map<String, Object>) properties.getOrDefault("Environment", Map.of());
        return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
    }
}
