package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogField;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.ProxyResourceOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseTransferMode;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The regional REST API. The admin paths, the dashboard ({@code /ui} and its assets) and its sign-in
 * ({@code /auth}) go to the admin function's alias; everything else (root,
 * {@code /v1/...}, {@code /health}, the cost endpoints, ...) to the proxy's. Both run the same
 * handler, which does its own routing: the split gives the hot path its own concurrency, memory,
 * timeout and alarms, and keeps admin traffic out of its SnapStart pool.
 */
final class ApiConstruct extends Construct {

    /**
     * Admin prefixes served as {@code /<prefix>} and {@code /<prefix>/{proxy+}}: the admin API, the
     * dashboard's page and assets ({@code /ui}, {@code /ui/assets/...}) and its sign-in ({@code /auth/login}).
     */
    static final List<String> ADMIN_PREFIXES = List.of("key", "team", "user", "customer", "tag", "ui", "auth");
    /** Single admin paths under {@code /spend} (whose other paths, e.g. /spend/calculate, are proxy routes). */
    static final List<String> ADMIN_SPEND_PATHS = List.of("logs", "tags");

    private final RestApi api;

    ApiConstruct(
            final Construct scope,
            final String id,
            final TollgateStackProps props,
            final Alias proxy,
            final Alias admin) {
        super(scope, id);
        this.api = RestApi.Builder.create(this, "Api")
                .restApiName("tollgate-" + props.stage())
                .description("Tollgate OpenAI-compatible and admin API (" + props.stage() + ")")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // Access logging needs the account-wide API Gateway CloudWatch role. Retain it: other
                // APIs in the account may rely on it after this stack is gone.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(props.stage())
                        .throttlingRateLimit(props.throttlingRateLimit())
                        .throttlingBurstLimit(props.throttlingBurstLimit())
                        // Execution logs of every method at ERROR level: API Gateway's own failures
                        // (integration errors, timeouts, permissions). Data tracing stays off: it
                        // would record request bodies (prompts) and headers (keys).
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .accessLogDestination(new LogGroupLogDestination(LogGroup.Builder.create(this, "AccessLogs")
                                .retention(props.logRetention())
                                .removalPolicy(logRemoval(props))
                                .build()))
                        .accessLogFormat(accessLogFormat())
                        .build())
                .build();
        // The API's default "Endpoint" output duplicates the stack's ApiUrl.
        api.getNode().tryRemoveChild("Endpoint");
        createExecutionLogGroup(props);

        // The proxy streams (SSE chunk by chunk, the function's StreamingRuntime); the admin API answers JSON.
        LambdaIntegration toProxy = integration(proxy, props, ResponseTransferMode.STREAM);
        LambdaIntegration toAdmin = integration(admin, props, ResponseTransferMode.BUFFERED);
        IResource root = api.getRoot();
        root.addMethod("ANY", toProxy);
        root.addProxy(ProxyResourceOptions.builder()
                .defaultIntegration(toProxy)
                .anyMethod(true)
                .build());
        for (String prefix : ADMIN_PREFIXES) {
            Resource resource = root.addResource(prefix);
            resource.addMethod("ANY", toAdmin);
            resource.addProxy(ProxyResourceOptions.builder()
                    .defaultIntegration(toAdmin)
                    .anyMethod(true)
                    .build());
        }
        root.addResource("alerts").addMethod("ANY", toAdmin);
        // LiteLLM's paged team list lives under /v2; only that path, the rest of /v2 stays the proxy's.
        root.addResource("v2").addResource("team").addResource("list").addMethod("ANY", toAdmin);
        // /spend and /spend/{proxy+} are declared for the proxy explicitly, so that /spend/calculate
        // never depends on API Gateway falling back from the /spend subtree to the root proxy.
        Resource spend = root.addResource("spend");
        spend.addMethod("ANY", toProxy);
        spend.addProxy(ProxyResourceOptions.builder()
                .defaultIntegration(toProxy)
                .anyMethod(true)
                .build());
        for (String path : ADMIN_SPEND_PATHS) {
            spend.addResource(path).addMethod("ANY", toAdmin);
        }
    }

    RestApi api() {
        return api;
    }

    /**
     * API Gateway writes execution logs to a group it names itself, and would create it with no
     * expiry. Created here first, with the stage's retention; the stage waits for it.
     */
    private void createExecutionLogGroup(final TollgateStackProps props) {
        LogGroup executionLogs = LogGroup.Builder.create(this, "ExecutionLogs")
                .logGroupName("API-Gateway-Execution-Logs_" + api.getRestApiId() + "/" + props.stage())
                .retention(props.logRetention())
                .removalPolicy(logRemoval(props))
                .build();
        api.getDeploymentStage().getNode().addDependency(executionLogs);
    }

    private static RemovalPolicy logRemoval(final TollgateStackProps props) {
        return props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    private static LambdaIntegration integration(
            final Alias alias, final TollgateStackProps props, final ResponseTransferMode transfer) {
        return new LambdaIntegration(
                alias,
                LambdaIntegrationOptions.builder()
                        // STREAM: API Gateway calls InvokeWithResponseStream and relays the body as it comes.
                        .responseTransferMode(transfer)
                        // One invoke permission per alias for the whole API instead of one per method.
                        .scopePermissionToMethod(false)
                        // API Gateway answers 504 after this; the invocation itself runs on to its own timeout.
                        .timeout(Duration.seconds(props.apiTimeoutSeconds()))
                        .build());
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
