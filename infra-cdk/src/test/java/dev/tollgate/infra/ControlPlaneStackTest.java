package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The control plane on AWS: the store, its IAM authentication, the functions that reach it, the routes. */
class ControlPlaneStackTest {
    private static final String REPORT = "Tollgate reports and budgets API";
    private static Template template;
    private static String analyticsAsset;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synth() throws Exception {
        template = Stacks.CONTROL_PLANE;
        analyticsAsset = String.valueOf(
                Stacks.function(template, "Tollgate reports and budgets API").get("Code"));
    }

    @Test
    void store_isAuroraServerlessV2Postgres_scalingToZero_withIamAuthAndEncryption() {
        template.hasResourceProperties(
                "AWS::RDS::DBCluster",
                Match.objectLike(Map.of(
                        "Engine",
                        "aurora-postgresql",
                        "ServerlessV2ScalingConfiguration",
                        Map.of("MinCapacity", 0, "MaxCapacity", 4, "SecondsUntilAutoPause", 300),
                        "EnableIAMDatabaseAuthentication",
                        true,
                        "EnableHttpEndpoint",
                        true,
                        "StorageEncrypted",
                        true,
                        "DatabaseName",
                        "tollgate")));
        template.hasResourceProperties(
                "AWS::RDS::DBInstance", Match.objectLike(Map.of("DBInstanceClass", "db.serverless")));
    }

    @Test
    void store_isKeptLikeTheOtherData_snapshotOnDeleteAndDeletionProtection() {
        // a stack without -c destroyData=true never drops the rollups, budgets and reports with it
        template.hasResource(
                "AWS::RDS::DBCluster",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Snapshot",
                        "UpdateReplacePolicy",
                        "Snapshot",
                        "Properties",
                        Match.objectLike(Map.of("DeletionProtection", true)))));
    }

    @Test
    void slaCollector_runsEveryFiveMinutes_asAJobsEvent() {
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "rate(5 minutes)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Match.objectLike(Map.of("Input", "{\"job\":\"sla-collect\"}")))));
        // the collector's alerts: the jobs function knows the topic
        Map<String, Object> jobs = Stacks.function(template, "Tollgate analytics jobs: rollup rebuild");
        assertTrue(String.valueOf(jobs.get("Environment")).contains("TOLLGATE_ALERTS_TOPIC_ARN"), jobs.toString());
        assertTrue(
                Stacks.statementsOf(template, "Tollgate analytics jobs").stream()
                        .anyMatch(s -> String.valueOf(s.get("Action")).contains("sns:Publish")),
                "the jobs function may publish the SLA alerts");
    }

    /** The collector (jobs function, and POST /api/v1/sla/collect on the API function) writes the failover item only. */
    @Test
    void failoverItem_isWrittenByTheCollector_andNoOtherItem() {
        // the jobs function writes only the failover item and the alert markers and listings: one statement,
        // conditioned on those partition keys, and no PutItem or BatchWriteItem without that condition
        Map<String, Object> jobsCondition = Map.of(
                "ForAllValues:StringLike",
                Map.of("dynamodb:LeadingKeys", List.of("ALERT#*", "ALERTLOG#*", "FAILOVER#ACTIVE")));
        List<Map<String, Object>> writes = Stacks.statementsOf(template, "Tollgate analytics jobs").stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:PutItem")
                        || String.valueOf(s.get("Action")).contains("dynamodb:BatchWriteItem"))
                .toList();
        assertEquals(1, writes.size(), writes.toString());
        assertEquals(Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem"), Set.copyOf((List<?>)
                writes.get(0).get("Action")));
        assertEquals(jobsCondition, writes.get(0).get("Condition"), writes.toString());
        // the API function's PutItem comes with the admin table actions; its listings' BatchWriteItem is
        // conditioned on the alert keys, and nothing repeats a narrower PutItem
        List<Map<String, Object>> api = Stacks.statementsOf(template, "Tollgate reports and budgets API").stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:PutItem")
                        || String.valueOf(s.get("Action")).contains("dynamodb:BatchWriteItem"))
                .toList();
        assertEquals(2, api.size(), api.toString());
        assertTrue(
                api.stream()
                        .anyMatch(s -> "dynamodb:BatchWriteItem".equals(s.get("Action"))
                                && Map.of(
                                                "ForAllValues:StringLike",
                                                Map.of("dynamodb:LeadingKeys", List.of("ALERT#*", "ALERTLOG#*")))
                                        .equals(s.get("Condition"))),
                api.toString());
        // the jobs function's table access: that write, the budgets' index read and the global budget item's
        // read; no UpdateItem, no DeleteItem
        List<Map<String, Object>> table = Stacks.statementsOf(template, "Tollgate analytics jobs").stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:"))
                .toList();
        assertEquals(3, table.size(), table.toString());
        assertTrue(
                table.stream()
                        .noneMatch(s -> String.valueOf(s.get("Action")).contains("UpdateItem")
                                || String.valueOf(s.get("Action")).contains("DeleteItem")),
                table.toString());
    }

    @Test
    void output_namesTheAnalyticsJobsFunction_forAnInvokeOnDemand() {
        Map<String, Map<String, Object>> outputs = template.findOutputs("AnalyticsJobsFunctionName");
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals(
                Map.of("Ref", Stacks.functionId(template, "Tollgate analytics jobs")),
                outputs.get("AnalyticsJobsFunctionName").get("Value"));
        assertTrue(Stacks.DEV.findOutputs("AnalyticsJobsFunctionName").isEmpty(), "no control plane, no output");
    }

    @Test
    void forecastsMonthCloseAndFragmentRetention_runDaily_asJobsEvents_withTheAlertMarkers() {
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(30 0 * * ? *)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Match.objectLike(Map.of("Input", "{\"job\":\"forecast\"}")))));
        // daily, not monthly: the job acts on the 1st of the budgets' time zone, which may not be UTC's
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(0 1 * * ? *)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Match.objectLike(Map.of("Input", "{\"job\":\"month-close\"}")))));
        // the stored report fragments' retention (FragmentRetention), daily
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(15 1 * * ? *)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Match.objectLike(Map.of("Input", "{\"job\":\"prune-report-fragments\"}")))));
        List<Map<String, Object>> statements = Stacks.statementsOf(template, "Tollgate analytics jobs");
        assertTrue(
                statements.stream()
                        .anyMatch(s -> String.valueOf(s.get("Action")).contains("dynamodb:PutItem")
                                && String.valueOf(s.get("Action")).contains("dynamodb:BatchWriteItem")),
                "the jobs function claims alert markers (forecast_overrun, chargeback_ready) once: " + statements);
        // an on-demand run through the API alerts too: it may claim and publish
        List<Map<String, Object>> api = Stacks.statementsOf(template, "Tollgate reports and budgets API");
        assertTrue(api.stream().anyMatch(s -> String.valueOf(s.get("Action")).contains("sns:Publish")), api.toString());
        assertTrue(
                api.stream().anyMatch(s -> String.valueOf(s.get("Action")).contains("dynamodb:BatchWriteItem")),
                api.toString());
    }

    @Test
    void forecasts_readTheAdminBudgets_byQueryOnTheIndex_andTheGlobalBudgetItemOnly() {
        List<Map<String, Object>> statements = Stacks.statementsOf(template, "Tollgate analytics jobs");
        List<Map<String, Object>> reads = statements.stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:Query")
                        || String.valueOf(s.get("Action")).contains("dynamodb:Scan")
                        || String.valueOf(s.get("Action")).contains("dynamodb:GetItem"))
                .toList();
        assertEquals(2, reads.size(), "two read statements: " + reads);
        assertEquals("dynamodb:Query", reads.get(0).get("Action"));
        assertTrue(String.valueOf(reads.get(0).get("Resource")).contains("/index/gsi1"), reads.toString());
        // the runtime global budget (GlobalBudgetedScopes): GetItem on the GLOBAL partition, nothing else
        assertEquals("dynamodb:GetItem", reads.get(1).get("Action"));
        assertEquals(
                Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("GLOBAL"))),
                reads.get(1).get("Condition"),
                reads.toString());
    }

    @Test
    void appUser_parameters_areWrittenInAFixedOrder_soADeployDoesNotRerunTheStatement() {
        // Map.of's order changes from one JVM to the next: the Create JSON, and with it the resource, would change
        String create = template.findResources("Custom::AWS").values().stream()
                .map(r -> String.valueOf(((Map<String, Object>) r.get("Properties")).get("Create")))
                .filter(c -> c.contains("executeStatement"))
                .findFirst()
                .orElseThrow();
        int resource = create.indexOf("resourceArn");
        int secret = create.indexOf("secretArn");
        int database = create.indexOf("\"database\"");
        int sql = create.indexOf("\"sql\"");
        assertTrue(resource >= 0 && resource < secret && secret < database && database < sql, create);
    }

    @Test
    void vpc_hasNoNatGateway_andEndpointsForWhatTheFunctionsCall() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        assertEquals(4, template.findResources("AWS::EC2::VPCEndpoint").size(), "S3, DynamoDB, Secrets Manager, SNS");
    }

    @Test
    void reportApiJobsAndShipper_runTheAnalyticsArtifact_inTheVpc_connectingAsTheIamUser() {
        for (String prefix :
                List.of("Tollgate reports and budgets API", "Tollgate analytics jobs", "Tollgate spend-log shipper")) {
            Map<String, Object> function = Stacks.function(template, prefix);
            assertEquals(analyticsAsset, String.valueOf(function.get("Code")), prefix + " runs the analytics jar");
            assertTrue(function.containsKey("VpcConfig"), prefix + " is in the VPC");
            Map<String, Object> env =
                    (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
            assertEquals("tollgate_app", env.get("DATASOURCES_DEFAULT_USERNAME"), prefix);
            assertEquals("true", env.get("TOLLGATE_ANALYTICS_IAM_AUTH"), prefix);
            assertTrue(!env.containsKey("DATASOURCES_DEFAULT_PASSWORD"), prefix + ": no password");
            // host and port both from the cluster's attributes: a number token concatenated in Java ends up in the
            // template as a raw double, which CloudFormation never resolves
            String url = String.valueOf(env.get("DATASOURCES_DEFAULT_URL"));
            assertTrue(url.contains("Endpoint.Address") && url.contains("Endpoint.Port"), prefix + ": " + url);
            assertTrue(
                    url.contains("/tollgate?sslmode=require") && !url.matches("(?s).*[0-9]E[0-9].*"),
                    prefix + ": " + url);
            assertTrue(
                    Stacks.statementsOf(template, prefix).stream()
                            .anyMatch(s -> String.valueOf(s.get("Action")).contains("rds-db:connect")
                                    && String.valueOf(s.get("Resource")).contains("/tollgate_app")),
                    prefix + " may rds-db:connect as tollgate_app");
        }
        String proxy =
                String.valueOf(Stacks.function(template, "Tollgate proxy").get("Code"));
        assertTrue(!proxy.equals(analyticsAsset), "the proxy keeps its own small artifact, outside the VPC");
        assertTrue(!Stacks.function(template, "Tollgate proxy").containsKey("VpcConfig"));
    }

    @Test
    void appUser_isCreatedOnceThroughTheDataApi_withRdsIam() {
        Map<String, Map<String, Object>> resources = template.findResources("Custom::AWS");
        assertEquals(1, resources.size());
        String create = String.valueOf(resources.values().iterator().next());
        assertTrue(create.contains("executeStatement") && create.contains("GRANT rds_iam TO tollgate_app"), create);
    }

    @Test
    void reportFunction_startsTheStreamingRuntime_throughTheProxysWrapperLayer() {
        Map<String, Object> report = Stacks.function(template, REPORT);
        assertEquals(
                "/opt/tollgate-streaming", Stacks.environment(template, REPORT).get("AWS_LAMBDA_EXEC_WRAPPER"));
        String layer = Stacks.onlyLogicalId(template, "AWS::Lambda::LayerVersion");
        assertEquals(List.of(Stacks.ref(layer)), report.get("Layers"), "one layer, the proxy's");
        assertEquals(
                List.of(Stacks.ref(layer)),
                Stacks.function(template, Stacks.PROXY).get("Layers"));
        assertEquals(180, report.get("Timeout"), "a 200 MB answer at the streaming bandwidth cap, plus a resume");
        assertEquals(1024, report.get("MemorySize"));
        assertEquals("java21", report.get("Runtime"), "the managed runtime the wrapper starts from");
    }

    @Test
    void analyticsJobs_haveNoAsynchronousRetries_theNextScheduleRunsThemAgain() {
        String jobs = Stacks.functionId(template, "Tollgate analytics jobs");
        Map<String, Map<String, Object>> configs = template.findResources(
                "AWS::Lambda::EventInvokeConfig",
                Map.of("Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", jobs)))));
        assertEquals(1, configs.size(), "one invoke config for the jobs function: " + configs);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) configs.values().iterator().next().get("Properties");
        assertEquals(0, properties.get("MaximumRetryAttempts"), "a timed-out forecast is not run 3 times");
        assertEquals(3600, properties.get("MaximumEventAgeInSeconds"));
        assertEquals("$LATEST", properties.get("Qualifier"));
    }

    @Test
    void analyticsJobs_keepTheManagedRuntimeClient() {
        Map<String, Object> jobs = Stacks.function(template, "Tollgate analytics jobs");
        assertFalse(Stacks.environment(template, "Tollgate analytics jobs").containsKey("AWS_LAMBDA_EXEC_WRAPPER"));
        assertEquals(null, jobs.get("Layers"));
        assertEquals(900, jobs.get("Timeout"), "a month's rebuild or 10,000 scopes' forecasts take minutes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportRoutes_streamTheResponse_throughInvokeWithResponseStream_untilTheFunctionsTimeout() {
        String report = Stacks.functionId(template, REPORT);
        List<Map<String, Object>> integrations = template.findResources("AWS::ApiGateway::Method").values().stream()
                .map(method -> (Map<String, Object>) Stacks.properties(method).get("Integration"))
                .filter(integration -> String.valueOf(integration.get("Uri")).contains(report))
                .toList();

        assertEquals(4, integrations.size(), "/global/{proxy+}, /api/{proxy+}, /budget/{proxy+}, /user/daily/activity");
        for (Map<String, Object> integration : integrations) {
            assertEquals("STREAM", integration.get("ResponseTransferMode"), integration.toString());
            assertEquals("AWS_PROXY", integration.get("Type"));
            assertEquals(180_000, integration.get("TimeoutInMillis"), "the function's timeout, not the 29 s default");
            String uri = String.valueOf(integration.get("Uri"));
            assertTrue(uri.contains("2021-11-15/functions/"), uri);
            assertTrue(uri.contains("/response-streaming-invocations"), uri);
        }
    }

    @Test
    void reportRoutes_goToTheReportFunction() {
        for (String path : List.of("global", "api", "budget", "activity")) {
            template.hasResourceProperties("AWS::ApiGateway::Resource", Match.objectLike(Map.of("PathPart", path)));
        }
        template.hasResourceProperties(
                "AWS::Lambda::Permission",
                Match.objectLike(Map.of(
                        "Action",
                        "lambda:InvokeFunction",
                        "FunctionName",
                        Map.of(
                                "Fn::GetAtt",
                                List.of(Stacks.functionId(template, "Tollgate reports and budgets API"), "Arn")))));
    }
}
