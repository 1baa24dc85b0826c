package dev.tollgate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * The request-serving functions (proxy and admin API, both SnapStart behind a {@code live} alias)
 * and the scheduled jobs function with its EventBridge schedule. Memory and timeouts are explained
 * in docs/infrastructure.md. Every permission is named: see {@link #PROXY_TABLE_ACTIONS} and friends.
 */
final class FunctionsConstruct extends Construct {

    static final String PROXY_HANDLER = "dev.tollgate.gateway.lambda.ProxyHandler::handleRequest";
    /**
     * The proxy (and the control plane's report function) run under {@code dev.tollgate.gateway.lambda.StreamingRuntime},
     * started by this exec wrapper in place of the managed runtime's client, so that API Gateway can stream their
     * responses (docs/decisions.md).
     */
    static final String STREAMING_WRAPPER = "/opt/tollgate-streaming";

    /**
     * Measured (bench/memory.sh, docs/cost.md): a live heap of ~65 MB, at most 175 MB used under back-to-back
     * calls, a resident set of 230-310 MB. 512 MB holds that with room; the heap is capped at 256 MB so that heap
     * and the ~160 MB outside it (metaspace, code, threads) stay under the function's memory.
     */
    static final int PROXY_MEMORY_MB = 512;

    static final String PROXY_MAX_HEAP = "256m";

    static final String JOBS_HANDLER = "dev.tollgate.gateway.lambda.JobsHandler::handleRequest";

    /** Above the gateway's default upstream timeout (100 s), so the gateway's own timeout path settles. */
    static final int PROXY_TIMEOUT_SECONDS = 120;

    /**
     * Authenticate (GetItem), read spend for headers (BatchGetItem), reserve and settle
     * (TransactWriteItems of Update, Put and Delete items), the health probe (DescribeTable), and the response
     * cache's {@code CACHE#} items in the same table (GetItem, PutItem, and DeleteItem for {@code /cache/delete}):
     * the cache needs no permission of its own.
     */
    static final List<String> PROXY_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:DescribeTable");
    /** Read and write records (conditional transactions) and read spend; lists go through gsi1. */
    static final List<String> ADMIN_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem");
    /** The sweeper: per released reservation, counters ADD and the reservation's Delete. */
    static final List<String> JOBS_TABLE_ACTIONS = List.of("dynamodb:UpdateItem", "dynamodb:DeleteItem");

    static final List<String> QUERY = List.of("dynamodb:Query");
    /** How often each proxy instance re-reads the failover item; the issue asks for at most 10 seconds. */
    static final String FAILOVER_REFRESH_SECONDS = "5";

    static final List<String> READ_SECRET = List.of("secretsmanager:GetSecretValue");
    /** Converse and ConverseStream. */
    static final List<String> BEDROCK_ACTIONS = List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream");
    /** A cross-region inference profile id: a geography prefix and the model id. */
    static final Pattern INFERENCE_PROFILE = Pattern.compile("(us|eu|apac|us-gov|global|jp|au|ca)\\.(.+)");

    private final TollgateStackProps props;
    private final StorageConstruct storage;
    private final LayerVersion streamingWrapper;
    private final GatewayFunction proxy;
    private final GatewayFunction admin;
    private final GatewayFunction jobs;

    FunctionsConstruct(
            final Construct scope,
            final String id,
            final TollgateStackProps props,
            final StorageConstruct storage,
            final SecretsConstruct secrets,
            final AlertsConstruct alerts) {
        super(scope, id);
        this.props = props;
        this.storage = storage;
        this.streamingWrapper = LayerVersion.Builder.create(this, "StreamingWrapper")
                .description("Tollgate: exec wrapper starting the streaming Runtime API client")
                .code(props.streamingWrapper())
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();
        this.proxy = createProxy(secrets);
        this.admin = createAdmin(secrets);
        this.jobs = createJobs(alerts);
        createSweeperSchedule();
    }

    Alias proxyAlias() {
        return proxy.alias();
    }

    Alias adminAlias() {
        return admin.alias();
    }

    Function proxy() {
        return proxy.function();
    }

    Function admin() {
        return admin.function();
    }

    Function jobs() {
        return jobs.function();
    }

    /** The exec-wrapper layer that starts {@code StreamingRuntime}. */
    ILayerVersion streamingWrapper() {
        return streamingWrapper;
    }

    /**
     * Runs the function under {@code StreamingRuntime}: the wrapper layer and {@code AWS_LAMBDA_EXEC_WRAPPER}. Its
     * integrations must then be {@code STREAM}: the runtime answers in Lambda's streaming response mode only.
     */
    static void runStreaming(final Function function, final ILayerVersion wrapper) {
        function.addLayers(wrapper);
        function.addEnvironment("AWS_LAMBDA_EXEC_WRAPPER", STREAMING_WRAPPER);
    }

    private GatewayFunction createProxy(final SecretsConstruct secrets) {
        GatewayFunction created = new GatewayFunction(
                this,
                new GatewayFunction.Spec(
                        "Proxy",
                        "Tollgate proxy: OpenAI-compatible API, budgets, spend log",
                        PROXY_HANDLER,
                        PROXY_MEMORY_MB,
                        Duration.seconds(PROXY_TIMEOUT_SECONDS),
                        true,
                        gatewayEnvironment(secrets)),
                props);
        runStreaming(created.function(), streamingWrapper);
        created.function().addEnvironment("TOLLGATE_MAX_HEAP", PROXY_MAX_HEAP);
        // active SLA failovers: the FAILOVER#ACTIVE item (GetItem on the table, below), re-read at most this often
        created.function().addEnvironment("TOLLGATE_FAILOVER_REFRESH_SECONDS", FAILOVER_REFRESH_SECONDS);
        created.allow(PROXY_TABLE_ACTIONS, List.of(storage.table().getTableArn()));
        allowSecrets(created, secrets);
        allowPricesFile(created);
        allowBedrock(created);
        return created;
    }

    private GatewayFunction createAdmin(final SecretsConstruct secrets) {
        GatewayFunction created = new GatewayFunction(
                this,
                new GatewayFunction.Spec(
                        "Admin",
                        "Tollgate admin API: keys, users, teams, end users, tags, spend, alerts",
                        PROXY_HANDLER,
                        1024,
                        Duration.seconds(30),
                        true,
                        gatewayEnvironment(secrets)),
                props);
        created.allow(ADMIN_TABLE_ACTIONS, List.of(storage.table().getTableArn()));
        created.allow(QUERY, List.of(storage.gsi1Arn()));
        allowSecrets(created, secrets);
        allowPricesFile(created);
        return created;
    }

    private GatewayFunction createJobs(final AlertsConstruct alerts) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TOLLGATE_STORAGE_TABLE", storage.table().getTableName());
        // The budget time zone and alert thresholds live in the configuration.
        environment.put("TOLLGATE_CONFIG_YAML", props.configYaml());
        environment.put("TOLLGATE_ALERTS_TOPIC_ARN", alerts.topic().getTopicArn());
        putPricesFile(environment);
        GatewayFunction created = new GatewayFunction(
                this,
                new GatewayFunction.Spec(
                        "Jobs",
                        "Tollgate jobs: reservation sweeper and other schedules",
                        JOBS_HANDLER,
                        512,
                        Duration.seconds(60),
                        false,
                        environment),
                props);
        created.allow(JOBS_TABLE_ACTIONS, List.of(storage.table().getTableArn()));
        created.allow(QUERY, List.of(storage.gsi1Arn()));
        alerts.publishStatements().forEach(created.function()::addToRolePolicy);
        allowPricesFile(created);
        // A missed run is repeated by the next one a minute later: no asynchronous retries.
        created.function()
                .configureAsyncInvoke(EventInvokeConfigOptions.builder()
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(1))
                        .build());
        return created;
    }

    /** The reservation sweeper, every minute (BudgetLedger.releaseExpired). */
    private void createSweeperSchedule() {
        Rule.Builder.create(this, "SweeperSchedule")
                .description("Tollgate reservation sweeper (" + props.stage() + ")")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(new LambdaFunction(
                        jobs.function(),
                        LambdaFunctionProps.builder()
                                .retryAttempts(0)
                                .maxEventAge(Duration.minutes(1))
                                .build())))
                .build();
    }

    /** Proxy and admin: the same code, so the same configuration. */
    private Map<String, String> gatewayEnvironment(final SecretsConstruct secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TOLLGATE_STORAGE_TABLE", storage.table().getTableName());
        environment.put("TOLLGATE_MASTER_KEY_SECRET_ARN", secrets.masterKey().getSecretArn());
        environment.put(
                "TOLLGATE_PROVIDER_SECRETS_ARN", secrets.providerSecrets().getSecretArn());
        environment.put("TOLLGATE_CONFIG_YAML", props.configYaml());
        putPricesFile(environment);
        return environment;
    }

    private void putPricesFile(final Map<String, String> environment) {
        if (props.pricesFile() != null) {
            environment.put("TOLLGATE_PRICES_FILE", props.pricesFile().uri());
        }
    }

    private static void allowSecrets(final GatewayFunction function, final SecretsConstruct secrets) {
        function.allow(
                READ_SECRET,
                List.of(
                        secrets.masterKey().getSecretArn(),
                        secrets.providerSecrets().getSecretArn()));
    }

    /**
     * Converse and ConverseStream on the configured Bedrock models (provider: bedrock signs with the
     * function's role). Region "*": a model's {@code region} in tollgate.yml may differ from the
     * stack's, and a cross-region inference profile ({@code us.}, {@code eu.}, ...) routes to the
     * model in several regions. The ARNs still name each model and profile.
     */
    private void allowBedrock(final GatewayFunction function) {
        if (props.bedrockModels().isEmpty()) {
            return;
        }
        List<String> resources = new ArrayList<>();
        for (String id : props.bedrockModels()) {
            Matcher profile = INFERENCE_PROFILE.matcher(id);
            if (profile.matches()) {
                resources.add("arn:" + Aws.PARTITION + ":bedrock:*:" + Aws.ACCOUNT_ID + ":inference-profile/" + id);
                resources.add("arn:" + Aws.PARTITION + ":bedrock:*::foundation-model/" + profile.group(2));
            } else {
                resources.add("arn:" + Aws.PARTITION + ":bedrock:*::foundation-model/" + id);
            }
        }
        function.allow(BEDROCK_ACTIONS, resources);
    }

    /** s3:GetObject on the one price-map object, when one is configured. */
    private void allowPricesFile(final GatewayFunction function) {
        if (props.pricesFile() != null) {
            function.allow(
                    List.of("s3:GetObject"),
                    List.of("arn:" + Aws.PARTITION + ":s3:::"
                            + props.pricesFile().bucket() + "/"
                            + props.pricesFile().key()));
        }
    }
}
