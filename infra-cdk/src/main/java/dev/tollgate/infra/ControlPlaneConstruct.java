package dev.tollgate.infra;

import dev.tollgate.gateway.budget.DynamoDbGlobalBudgets;
import dev.tollgate.gateway.failover.FailoverItems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.ProxyResourceOptions;
import software.amazon.awscdk.services.apigateway.ResponseTransferMode;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.constructs.Construct;

/**
 * The control plane on AWS (docs/analytics.md, decisions.md): Aurora Serverless v2 PostgreSQL with
 * min 0 ACU (paused and billed for storage only when idle) and IAM authentication, in a VPC with
 * isolated subnets only (no NAT), free gateway endpoints for S3 and DynamoDB and interface endpoints
 * for Secrets Manager and SNS; the report API and the analytics jobs functions from the analytics
 * artifact; and the stream shipper switched to that artifact so it folds each object into the
 * rollups after writing it. The report routes of the REST API go to the report function, which runs
 * under the proxy's streaming runtime so that answers over Lambda's 6 MB buffered limit (LiteLLM's team
 * report, the exports) reach the client, as bytes.
 */
final class ControlPlaneConstruct extends Construct {

    static final String DATABASE = "tollgate";
    static final String APP_USER = "tollgate_app";
    static final String API_HANDLER = "dev.tollgate.gateway.lambda.ProxyHandler::handleRequest";
    static final String JOBS_HANDLER = "dev.tollgate.analytics.lambda.AnalyticsJobsHandler::handleRequest";
    /** Creates the IAM-authenticated application role once, through the Data API (one statement). */
    static final String CREATE_APP_USER = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + APP_USER + "') THEN CREATE ROLE " + APP_USER + " LOGIN; END IF; GRANT rds_iam TO " + APP_USER
            + "; GRANT ALL ON DATABASE " + DATABASE + " TO " + APP_USER + "; GRANT ALL ON SCHEMA public TO "
            + APP_USER + "; END $$";
    /** The paths the report function serves, besides {@code /user/daily/activity}. */
    static final List<String> ROUTED_PREFIXES = List.of("global", "api", "budget");
    /**
     * The report function's timeout, and its routes' integration timeout (so API Gateway never cuts an answer the
     * function may still write, whether it counts to the first byte or to the last). The largest answer Lambda
     * streams is 200 MB: its first 6 MB at full speed, the rest at about 2 MB/s, so ~100 s; before the first byte, up
     * to ~15 s for the database to resume from its pause, a cold start, and the days not stored yet to be built (a
     * cold 90-day team report takes 5-8 s on the benchmark machine, more on 1024 MB's share of a CPU). 180 s holds
     * both with room; a STREAM integration may wait up to 15 minutes without a quota increase.
     */
    static final int REPORT_TIMEOUT_SECONDS = 180;
    /** Both analytics functions'. */
    static final int MEMORY_MB = 1024;
    /**
     * The jobs function's, Lambda's longest: a rebuild of a month folds every line of it again (about 8,000 lines a
     * second on the benchmark machine, so minutes for a month of a busy gateway), and the daily forecast reads each
     * budgeted scope's history (10,000 scopes are 20,000 short queries); the first query after an idle pause also
     * waits ~15 s for the database to resume. Each day of a rebuild is its own transaction, so one cut short by the
     * timeout keeps the days it finished, and running it again is harmless.
     */
    static final int JOBS_TIMEOUT_SECONDS = 900;
    /** How long a jobs event may wait in Lambda's asynchronous queue (throttled) before it is dropped. */
    static final int JOBS_MAX_EVENT_AGE_HOURS = 1;

    private final Vpc vpc;
    private final SecurityGroup functions;
    private final DatabaseCluster database;
    private final Function api;
    private final Function jobs;

    ControlPlaneConstruct(
            final Construct scope,
            final String id,
            final TollgateStackProps props,
            final ControlPlaneProps controlPlane,
            final StorageConstruct storage,
            final SecretsConstruct secrets,
            final AlertsConstruct alerts,
            final Function shipper,
            final RestApi restApi,
            final ILayerVersion streamingWrapper) {
        super(scope, id);
        this.vpc = ControlPlaneStore.vpc(this, props);
        this.functions = SecurityGroup.Builder.create(this, "FunctionsSecurityGroup")
                .vpc(vpc)
                .description("Tollgate analytics functions")
                .allowAllOutbound(true)
                .build();
        this.database = ControlPlaneStore.database(this, props, controlPlane, vpc, functions);
        ControlPlaneStore.appUser(this, database);

        Map<String, String> env = ControlPlaneStore.environment(database);
        env.put("TOLLGATE_STORAGE_TABLE", storage.table().getTableName());
        env.put("TOLLGATE_STORAGE_BUCKET", storage.spendLogBucket().getBucketName());
        env.put("TOLLGATE_CONFIG_YAML", props.configYaml());
        Map<String, String> apiEnv = new LinkedHashMap<>(env);
        apiEnv.put("TOLLGATE_MASTER_KEY_SECRET_ARN", secrets.masterKey().getSecretArn());
        apiEnv.put("TOLLGATE_PROVIDER_SECRETS_ARN", secrets.providerSecrets().getSecretArn());
        apiEnv.put("TOLLGATE_ALERTS_TOPIC_ARN", alerts.topic().getTopicArn());

        this.api = function(
                props,
                controlPlane,
                "Api",
                "Tollgate reports and budgets API",
                API_HANDLER,
                REPORT_TIMEOUT_SECONDS,
                apiEnv);
        FunctionsConstruct.runStreaming(api, streamingWrapper);
        api.addToRolePolicy(
                allow(FunctionsConstruct.ADMIN_TABLE_ACTIONS, storage.table().getTableArn()));
        api.addToRolePolicy(allow(FunctionsConstruct.QUERY, storage.gsi1Arn()));
        api.addToRolePolicy(allow(
                FunctionsConstruct.READ_SECRET,
                secrets.masterKey().getSecretArn(),
                secrets.providerSecrets().getSecretArn()));
        api.addToRolePolicy(allow(List.of("sns:Subscribe"), alerts.topic().getTopicArn()));
        // POST /api/v1/reports/forecast/generate (and the chargeback month on demand) may fire alerts: without
        // Publish the marker would be claimed and the alert lost
        alerts.publishStatements().forEach(api::addToRolePolicy);
        // the alert markers and the failover item (POST /api/v1/sla/collect runs the same collector) are
        // PutItem, which the admin table actions above already allow on the whole table; only the alert
        // listings' BatchWriteItem is added, on the alert items' keys
        api.addToRolePolicy(onItems(storage, List.of("dynamodb:BatchWriteItem"), ALERT_KEYS));

        // the jobs function also runs the SLA collector, which publishes sla_violation / sla_resolved alerts
        Map<String, String> jobsEnv = new LinkedHashMap<>(env);
        jobsEnv.put("TOLLGATE_ALERTS_TOPIC_ARN", alerts.topic().getTopicArn());
        this.jobs = function(
                props,
                controlPlane,
                "Jobs",
                "Tollgate analytics jobs: rollup rebuild",
                JOBS_HANDLER,
                JOBS_TIMEOUT_SECONDS,
                jobsEnv);
        alerts.publishStatements().forEach(jobs::addToRolePolicy);
        // No asynchronous retries: Lambda's default (two more attempts, timeouts included) would run a forecast that
        // timed out three times, ~45 minutes, overlapping the other jobs. Every job is re-run by its next schedule:
        // the SLA collector in 5 minutes, the forecast and the fragment retention the next day, the month close on
        // each of days 1-7 until it closed. An event throttled in the queue for over an hour is dropped likewise.
        jobs.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(Duration.hours(JOBS_MAX_EVENT_AGE_HOURS))
                .build());
        jobs.addToRolePolicy(allow(
                List.of("s3:GetObject"),
                storage.spendLogBucket().arnForObjects(StorageConstruct.SPEND_LOG_PREFIX + "/*")));
        // the jobs function's only table writes: the SLA collector's failover item (the proxy reads it) and the
        // alert markers and listings (sla_violation, sla_resolved, forecast_overrun, chargeback_ready)
        List<String> jobsKeys = new ArrayList<>(ALERT_KEYS);
        jobsKeys.add(FailoverItems.PK);
        jobs.addToRolePolicy(onItems(storage, ALERT_TABLE_ACTIONS, jobsKeys));
        jobs.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(storage.spendLogBucket().getBucketArn()))
                .conditions(
                        Map.of("StringLike", Map.of("s3:prefix", List.of(StorageConstruct.SPEND_LOG_PREFIX + "/*"))))
                .build());

        // the SLA collector, every five minutes over the health rollups (SlaService.collect)
        Rule.Builder.create(this, "SlaCollectorSchedule")
                .description("Tollgate SLA collector (" + props.stage() + ")")
                .schedule(Schedule.rate(Duration.minutes(5)))
                .targets(List.of(new LambdaFunction(
                        jobs,
                        LambdaFunctionProps.builder()
                                .event(RuleTargetInput.fromObject(Map.of("job", "sla-collect")))
                                .retryAttempts(0)
                                .maxEventAge(Duration.minutes(5))
                                .build())))
                .build();

        // forecasts daily, after the day's last spend is folded (ForecastService.generate)
        jobSchedule("ForecastSchedule", "Tollgate forecasts (" + props.stage() + ")", "cron(30 0 * * ? *)", "forecast");
        // the month close: daily; closes the previous month on days 1-7 (budgets' time zone) if not closed yet
        // (MonthClose.close)
        jobSchedule(
                "MonthCloseSchedule",
                "Tollgate month close (" + props.stage() + ")",
                "cron(0 1 * * ? *)",
                "month-close");
        // the stored report fragments' retention (FragmentRetention.prune): a cache, kept 400 days by default
        jobSchedule(
                "ReportFragmentRetentionSchedule",
                "Tollgate report fragment retention (" + props.stage() + ")",
                "cron(15 1 * * ? *)",
                "prune-report-fragments");
        // the forecasts read the admin API's budgets (team, user, key, customer, tag records) through gsi1, as
        // /team/list does (DynamoDbBudgetedScopes): Query on the index only, never the table or a scan
        jobs.addToRolePolicy(allow(FunctionsConstruct.QUERY, storage.gsi1Arn()));
        // and the global budget as the proxy enforces it: tollgate.yml's, or the value set at runtime, one item
        // (DynamoDbGlobalBudgets, GlobalBudgetedScopes): GetItem on that partition only
        jobs.addToRolePolicy(onItems(storage, List.of("dynamodb:GetItem"), List.of(DynamoDbGlobalBudgets.PK)));

        ControlPlaneStore.attachShipper(this, shipper, controlPlane, env, vpc, functions, database);
        route(restApi);
    }

    /** The alert markers (conditional PutItem) and their listing items (BatchWriteItem), docs/alerts.md. */
    static final List<String> ALERT_TABLE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:BatchWriteItem");
    /**
     * The alert items' partition keys (gateway alerts: {@code AlertEvent.markerPk()} is
     * {@code ALERT#<SCOPE>#<id>}, the listings {@code ALERTLOG#<alert id>}, AlertItems).
     */
    static final List<String> ALERT_KEYS = List.of("ALERT#*", "ALERTLOG#*");

    private void jobSchedule(String id, String description, String expression, String job) {
        Rule.Builder.create(this, id)
                .description(description)
                .schedule(Schedule.expression(expression))
                .targets(List.of(new LambdaFunction(
                        jobs,
                        LambdaFunctionProps.builder()
                                .event(RuleTargetInput.fromObject(Map.of("job", job)))
                                .retryAttempts(2)
                                .maxEventAge(Duration.hours(1))
                                .build())))
                .build();
    }

    private Function function(
            final TollgateStackProps props,
            final ControlPlaneProps controlPlane,
            final String id,
            final String description,
            final String handler,
            final int timeoutSeconds,
            final Map<String, String> environment) {
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .retention(props.logRetention())
                .removalPolicy(props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Function created = Function.Builder.create(this, id)
                .description(description + " (" + props.stage() + ")")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(controlPlane.analyticsCode())
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(timeoutSeconds))
                .role(role)
                .logGroup(logs)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .build())
                .securityGroups(List.of(functions))
                .environment(environment)
                .build();
        logs.grantWrite(role);
        database.grantConnect(role, APP_USER);
        return created;
    }

    /**
     * {@code /global/{proxy+}}, {@code /api/{proxy+}}, {@code /budget/{proxy+}} and {@code /user/daily/activity}, streamed
     * (API Gateway calls {@code InvokeWithResponseStream}), as the function's streaming runtime answers.
     */
    private void route(final RestApi restApi) {
        LambdaIntegration integration = new LambdaIntegration(
                api,
                LambdaIntegrationOptions.builder()
                        .responseTransferMode(ResponseTransferMode.STREAM)
                        .timeout(Duration.seconds(REPORT_TIMEOUT_SECONDS))
                        .scopePermissionToMethod(false)
                        .build());
        IResource root = restApi.getRoot();
        for (String prefix : ROUTED_PREFIXES) {
            root.addResource(prefix)
                    .addProxy(ProxyResourceOptions.builder()
                            .defaultIntegration(integration)
                            .anyMethod(true)
                            .build());
        }
        IResource user = root.getResource("user");
        IResource parent = user == null ? root.addResource("user") : user;
        parent.addResource("daily").addResource("activity").addMethod("GET", integration);
    }

    /** These actions on the table, only on items whose partition key matches one of these patterns. */
    static PolicyStatement onItems(
            final StorageConstruct storage, final List<String> actions, final List<String> leadingKeys) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(storage.table().getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", leadingKeys)))
                .build();
    }

    /** One Allow statement with these actions on these resources. */
    static PolicyStatement allow(final List<String> actions, final String... resources) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(resources))
                .build();
    }

    Function api() {
        return api;
    }

    Function jobs() {
        return jobs;
    }

    DatabaseCluster database() {
        return database;
    }

    Vpc vpc() {
        return vpc;
    }
}
