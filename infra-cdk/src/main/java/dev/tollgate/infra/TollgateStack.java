package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.apigateway.AccessLogField;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One stage of Tollgate: the table (ARCHITECTURE.md §3), the proxy Lambda behind a
 * {@code live} alias, and the REST API in front of it.
 */
public class TollgateStack extends Stack {

    static final String PROXY_HANDLER = "dev.tollgate.gateway.lambda.ProxyHandler::handleRequest";
    static final String LIVE_ALIAS = "live";

    private final TollgateStackProps props;
    private final RemovalPolicy removalPolicy;

    public TollgateStack(final Construct scope, final String id, final TollgateStackProps props) {
        super(scope, id, StackProps.builder()
                .description("Tollgate LLM gateway, stage " + props.stage())
                .build());
        this.props = props;
        // prod keeps its data when the stack goes; any other stage cleans up after itself.
        this.removalPolicy = props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        Table table = createTable();
        Alias proxy = createProxyFunction(table);
        LambdaRestApi api = createApi(proxy);
        createOutputs(api);

        Tags.of(this).add("app", "tollgate");
        Tags.of(this).add("stage", props.stage());
    }

    private Table createTable() {
        return Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute("ttl")
                // The shipper Lambda reads spend-log items from the stream.
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .deletionProtection(props.isProd())
                .removalPolicy(removalPolicy)
                .build();
    }

    private Alias createProxyFunction(final Table table) {
        Function function = Function.Builder.create(this, "ProxyFunction")
                .description("Tollgate proxy: OpenAI-compatible API, budgets, spend log (" + props.stage() + ")")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(PROXY_HANDLER)
                .code(props.lambdaCode())
                // Lambda CPU scales with memory: 1024 MB buys enough CPU for a fast SnapStart
                // restore and JSON work without paying for idle memory (the heap stays small).
                .memorySize(1024)
                // Above the longest upstream timeout the gateway uses in Lambda. API Gateway
                // gives up on the client after its integration timeout (29 s unless raised), but
                // the invocation runs on: a slow provider then still ends in the gateway's own
                // timeout path, which settles or releases the budget reservation, and never in
                // Lambda killing the process mid-call (leaving the reservation to the sweeper).
                .timeout(Duration.seconds(120))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(Map.of(
                        "TOLLGATE_STORAGE_TABLE", table.getTableName(),
                        "MICRONAUT_ENVIRONMENTS", "lambda",
                        // C1 only: short requests gain more from quick compilation than from C2.
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .logGroup(logGroup("ProxyLogs"))
                .build();
        table.grantReadWriteData(function);
        // SnapStart applies to published versions only: API Gateway calls the alias, which
        // points at the version published for every code or configuration change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "currentVersion is published and is what the live alias serves");
        return Alias.Builder.create(this, "ProxyLive")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    private LambdaRestApi createApi(final Alias proxy) {
        LambdaRestApi api = LambdaRestApi.Builder.create(this, "Api")
                .restApiName("tollgate-" + props.stage())
                .description("Tollgate OpenAI-compatible API (" + props.stage() + ")")
                .handler(proxy)
                // ANY on / and on /{proxy+}: /v1/..., /health and the admin routes all reach
                // the function, which does its own routing.
                .proxy(true)
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // One invoke permission for the whole API instead of two per method.
                .integrationOptions(LambdaIntegrationOptions.builder()
                        .scopePermissionToMethod(false)
                        .build())
                // Access logging needs the account-wide API Gateway CloudWatch role. Retain it:
                // other APIs in the account may rely on it after this stack is gone.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(props.stage())
                        .throttlingRateLimit(props.throttlingRateLimit())
                        .throttlingBurstLimit(props.throttlingBurstLimit())
                        // Execution logs stay off: with data tracing they would record request
                        // bodies (prompts) and headers (keys).
                        .loggingLevel(MethodLoggingLevel.OFF)
                        .accessLogDestination(new LogGroupLogDestination(logGroup("ApiAccessLogs")))
                        .accessLogFormat(accessLogFormat())
                        .build())
                .build();
        // The API's default "Endpoint" output duplicates ApiUrl below.
        api.getNode().tryRemoveChild("Endpoint");
        return api;
    }

    private void createOutputs(final LambdaRestApi api) {
        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Invoke URL of the API stage")
                .value(api.getUrl())
                .build();
        CfnOutput.Builder.create(this, "OpenAiBaseUrl")
                .description("base_url for OpenAI SDKs")
                .value(api.getUrl() + "v1")
                .build();
    }

    private LogGroup logGroup(final String id) {
        return LogGroup.Builder.create(this, id)
                .retention(props.logRetention())
                .removalPolicy(removalPolicy)
                .build();
    }

    /**
     * One JSON object per request. Headers are not logged, so neither are API keys. Values are
     * quoted because API Gateway writes "-" for a missing number; the error message uses the
     * variable that API Gateway itself quotes and escapes.
     */
    private static AccessLogFormat accessLogFormat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", quoted(AccessLogField.contextRequestId()));
        fields.put("requestTime", quoted(AccessLogField.contextRequestTime()));
        fields.put("ip", quoted(AccessLogField.contextIdentitySourceIp()));
        fields.put("httpMethod", quoted(AccessLogField.contextHttpMethod()));
        fields.put("path", quoted(AccessLogField.contextPath()));
        fields.put("protocol", quoted(AccessLogField.contextProtocol()));
        fields.put("status", quoted(AccessLogField.contextStatus()));
        fields.put("responseLength", quoted(AccessLogField.contextResponseLength()));
        fields.put("responseLatencyMs", quoted(AccessLogField.contextResponseLatency()));
        fields.put("integrationLatencyMs", quoted(AccessLogField.contextIntegrationLatency()));
        fields.put("integrationStatus", quoted(AccessLogField.contextIntegrationStatus()));
        fields.put("errorMessage", AccessLogField.contextErrorMessageString());
        return AccessLogFormat.custom(fields.entrySet().stream()
                .map(field -> quoted(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}")));
    }

    private static String quoted(final String value) {
        return "\"" + value + "\"";
    }
}
