package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.ADMIN;
import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.FUNCTIONS;
import static dev.tollgate.infra.Stacks.JOBS;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.PROXY;
import static dev.tollgate.infra.Stacks.SHIPPER;
import static dev.tollgate.infra.Stacks.environment;
import static dev.tollgate.infra.Stacks.function;
import static dev.tollgate.infra.Stacks.functionId;
import static dev.tollgate.infra.Stacks.getAtt;
import static dev.tollgate.infra.Stacks.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The four functions: runtime, sizing, SnapStart and aliases, environment, logs, schedule. */
class FunctionsStackTest {

    @Test
    void everyGatewayFunction_isJava21OnArm64_fromTheOneArtifact() {
        Set<Object> code = new java.util.HashSet<>();
        for (String name : FUNCTIONS) {
            Map<String, Object> function = function(DEV, name);
            assertEquals("java21", function.get("Runtime"), name);
            assertEquals(List.of("arm64"), function.get("Architectures"), name);
            code.add(function.get("Code"));
        }
        assertEquals(1, code.size(), () -> "one asset for all four: " + code);
    }

    @Test
    void handlers_areTheGatewaysEntryPoints() {
        assertEquals(FunctionsConstruct.PROXY_HANDLER, function(DEV, PROXY).get("Handler"));
        assertEquals(FunctionsConstruct.PROXY_HANDLER, function(DEV, ADMIN).get("Handler"));
        assertEquals(
                "dev.tollgate.gateway.spendlog.SpendLogShipperHandler::handleRequest",
                function(DEV, SHIPPER).get("Handler"));
        assertEquals(
                "dev.tollgate.gateway.lambda.JobsHandler::handleRequest",
                function(DEV, JOBS).get("Handler"));
    }

    @Test
    void memoryAndTimeouts_areTheDocumentedOnes() {
        // proxy 120 s: above the gateway's 100 s default upstream timeout
        // 512 MB from the measured need (bench/memory.sh, docs/cost.md): RSS 230-310 MB, heap capped at 256 MB
        assertEquals(List.of(512, 120), sizing(PROXY));
        assertEquals(List.of(1024, 30), sizing(ADMIN));
        assertEquals(List.of(512, 60), sizing(SHIPPER));
        assertEquals(List.of(512, 60), sizing(JOBS));
    }

    @Test
    void snapStart_isOnForProxyAndAdmin_only() {
        Map<String, Object> published = Map.of("ApplyOn", "PublishedVersions");
        assertEquals(published, function(DEV, PROXY).get("SnapStart"));
        assertEquals(published, function(DEV, ADMIN).get("SnapStart"));
        assertNull(function(DEV, SHIPPER).get("SnapStart"));
        assertNull(function(DEV, JOBS).get("SnapStart"));
    }

    @Test
    void proxyAndAdmin_eachHaveALiveAlias_onTheirPublishedVersion() {
        DEV.resourceCountIs("AWS::Lambda::Alias", 2);
        for (String name : List.of(PROXY, ADMIN)) {
            String version = versionOf(DEV, functionId(DEV, name));
            DEV.hasResourceProperties(
                    "AWS::Lambda::Alias",
                    Map.of(
                            "Name", GatewayFunction.LIVE_ALIAS,
                            "FunctionName", ref(functionId(DEV, name)),
                            "FunctionVersion", getAtt(version, "Version")));
        }
    }

    @Test
    void proxyAndAdmin_environment_namesTableSecretsAndConfiguration() {
        for (String name : List.of(PROXY, ADMIN)) {
            Map<String, Object> variables = environment(DEV, name);
            assertEquals(
                    ref(Stacks.onlyLogicalId(DEV, "AWS::DynamoDB::Table")), variables.get("TOLLGATE_STORAGE_TABLE"));
            assertEquals(ref(secretId(DEV, "Tollgate master key")), variables.get("TOLLGATE_MASTER_KEY_SECRET_ARN"));
            assertEquals(
                    ref(secretId(DEV, "Tollgate provider API keys")), variables.get("TOLLGATE_PROVIDER_SECRETS_ARN"));
            assertEquals(TollgateStackProps.DEFAULT_CONFIG_YAML, variables.get("TOLLGATE_CONFIG_YAML"));
            assertEquals("lambda", variables.get("MICRONAUT_ENVIRONMENTS"));
            assertFalse(variables.containsKey("TOLLGATE_STORAGE_BUCKET"), "no S3 on the hot path");
        }
    }

    @Test
    void dashboardSessions_haveNoSecretOfTheirOwn_theyAreSignedUnderOneDerivedFromTheMasterKeySecret() {
        // docs/decisions.md, "Dashboard sessions": nothing session-related in the template or environment.
        for (String name : List.of(PROXY, ADMIN)) {
            Map<String, Object> environment = environment(DEV, name);
            assertTrue(
                    environment.keySet().stream().noneMatch(k -> k.contains("SESSION") || k.startsWith("TOLLGATE_UI")),
                    () -> name + ": " + environment.keySet());
            assertTrue(environment.containsKey("TOLLGATE_MASTER_KEY_SECRET_ARN"), name);
        }
    }

    @Test
    void configFile_travelsVerbatimInTheEnvironment() {
        assertEquals(Stacks.PROD_CONFIG, environment(PROD, PROXY).get("TOLLGATE_CONFIG_YAML"));
        assertEquals(Stacks.PROD_CONFIG, environment(PROD, JOBS).get("TOLLGATE_CONFIG_YAML"));
    }

    @Test
    void pricesFile_isPassedToTheFunctionsThatPrice_onlyWhenSet() {
        for (String name : List.of(PROXY, ADMIN, JOBS)) {
            assertEquals(Stacks.PRICES_URI, environment(PROD, name).get("TOLLGATE_PRICES_FILE"), name);
            assertFalse(environment(DEV, name).containsKey("TOLLGATE_PRICES_FILE"), name);
        }
        assertFalse(environment(PROD, SHIPPER).containsKey("TOLLGATE_PRICES_FILE"));
    }

    @Test
    void snapshotRevision_isSetOnTheSnapStartFunctions_onlyWhenGiven() {
        assertEquals("2", environment(PROD, PROXY).get("TOLLGATE_SNAPSHOT_REVISION"));
        assertEquals("2", environment(PROD, ADMIN).get("TOLLGATE_SNAPSHOT_REVISION"));
        assertFalse(environment(PROD, JOBS).containsKey("TOLLGATE_SNAPSHOT_REVISION"));
        assertFalse(environment(DEV, PROXY).containsKey("TOLLGATE_SNAPSHOT_REVISION"));
    }

    @Test
    void shipper_environment_namesTheBucketOnly() {
        assertEquals(
                Set.of("TOLLGATE_STORAGE_BUCKET", "MICRONAUT_ENVIRONMENTS", "JAVA_TOOL_OPTIONS"),
                environment(DEV, SHIPPER).keySet());
    }

    @Test
    void jobs_environment_namesTableAndAlertsTopic() {
        Map<String, Object> variables = environment(DEV, JOBS);
        assertEquals(ref(Stacks.onlyLogicalId(DEV, "AWS::DynamoDB::Table")), variables.get("TOLLGATE_STORAGE_TABLE"));
        assertEquals(ref(Stacks.onlyLogicalId(DEV, "AWS::SNS::Topic")), variables.get("TOLLGATE_ALERTS_TOPIC_ARN"));
        assertFalse(variables.containsKey("TOLLGATE_PROVIDER_SECRETS_ARN"));
    }

    @Test
    void functions_haveNoEnvironmentValueThatLooksLikeASecret() {
        Pattern secretLike = Pattern.compile("(sk-[A-Za-z0-9_-]{8,}|AKIA[0-9A-Z]{16}|[A-Za-z0-9+/]{40,})");
        for (Template template : List.of(DEV, PROD)) {
            for (String name : FUNCTIONS) {
                environment(template, name).forEach((variable, value) -> {
                    // Secrets come from Secrets Manager at run time: their ARNs are references.
                    if (variable.matches(".*(SECRET|PASSWORD|TOKEN|API_KEY|MASTER_KEY).*")) {
                        assertTrue(value instanceof Map, () -> variable + " holds a literal");
                    }
                    assertFalse(
                            value instanceof String s && secretLike.matcher(s).find(),
                            () -> variable + " looks like it holds a key: " + value);
                });
            }
        }
    }

    @Test
    void everyFunction_logsToItsOwnGroup_withContextRetention() {
        for (String name : FUNCTIONS) {
            DEV.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Map.of(
                            "Handler", function(DEV, name).get("Handler"),
                            "Description", function(DEV, name).get("Description"),
                            "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.anyValue()))));
        }
        // four functions + API access logs + API execution logs
        DEV.resourceCountIs("AWS::Logs::LogGroup", 6);
        DEV.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        PROD.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
    }

    @Test
    void jobs_runsEveryMinute_fromAnEventBridgeRule() {
        DEV.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression", "rate(1 minute)",
                        "State", "ENABLED",
                        "Targets", List.of(Match.objectLike(Map.of("Arn", getAtt(functionId(DEV, JOBS), "Arn"))))));
        DEV.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of("Principal", "events.amazonaws.com", "FunctionName", getAtt(functionId(DEV, JOBS), "Arn")));
    }

    @Test
    void secrets_masterKeyIsGenerated_providerSecretsStartEmpty() {
        DEV.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Map.of(
                        "GenerateSecretString",
                        Map.of("PasswordLength", 48, "ExcludePunctuation", true, "IncludeSpace", false)));
        DEV.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Map.of("Description", Match.stringLikeRegexp("Tollgate provider API keys.*"), "SecretString", "{}"));
    }

    private static List<Object> sizing(final String name) {
        Map<String, Object> function = function(DEV, name);
        return List.of(function.get("MemorySize"), function.get("Timeout"));
    }

    private static String versionOf(final Template template, final String functionId) {
        return template.findResources(
                        "AWS::Lambda::Version", Map.of("Properties", Map.of("FunctionName", ref(functionId))))
                .keySet()
                .iterator()
                .next();
    }

    static String secretId(final Template template, final String descriptionPrefix) {
        return template.findResources("AWS::SecretsManager::Secret").entrySet().stream()
                .filter(e -> String.valueOf(Stacks.properties(e.getValue()).get("Description"))
                        .startsWith(descriptionPrefix))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }
}
