package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One function from the gateway artifact, with what every Tollgate function shares: java21 on
 * arm64, its own log group with the stage's retention, and its own role that starts empty. The role
 * is not CDK's default (which attaches AWSLambdaBasicExecutionRole, logs on {@code *}): it may write
 * to its own log group, and every other permission is added by name.
 */
final class GatewayFunction {

    static final String LIVE_ALIAS = "live";

    /** C1 only: short requests and short-lived background runs gain more from quick compilation than from C2. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /**
     * @param id          construct id (also the prefix of the role and log group ids)
     * @param description the function's description; starts with "Tollgate" and the function's role
     * @param handler     the handler in the artifact
     * @param memoryMb    memory (and so CPU)
     * @param timeout     the function timeout
     * @param snapStart   SnapStart on published versions, served through the {@code live} alias
     * @param environment variables on top of {@code MICRONAUT_ENVIRONMENTS} and {@code JAVA_TOOL_OPTIONS}
     */
    record Spec(
            String id,
            String description,
            String handler,
            int memoryMb,
            Duration timeout,
            boolean snapStart,
            Map<String, String> environment) {}

    private final Function function;
    private final Role role;
    private final Alias alias;

    GatewayFunction(final Construct scope, final Spec spec, final TollgateStackProps props) {
        RemovalPolicy removal = props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        this.role = Role.Builder.create(scope, spec.id() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(spec.description())
                .build();
        LogGroup logs = LogGroup.Builder.create(scope, spec.id() + "Logs")
                .retention(props.logRetention())
                .removalPolicy(removal)
                .build();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MICRONAUT_ENVIRONMENTS", "lambda");
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        environment.putAll(spec.environment());
        if (spec.snapStart() && props.snapshotRevision() != null) {
            // Any change publishes a new version: SnapStart snapshots a fresh start-up, which reads
            // the secrets again.
            environment.put("TOLLGATE_SNAPSHOT_REVISION", props.snapshotRevision());
        }
        Function.Builder builder = Function.Builder.create(scope, spec.id())
                .description(spec.description() + " (" + props.stage() + ")")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(props.lambdaCode())
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logs)
                .environment(environment);
        if (spec.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        this.function = builder.build();
        // The group's ARN ends in ":*" (its log streams): the narrowest name logs:PutLogEvents takes.
        logs.grantWrite(role);
        if (spec.snapStart()) {
            // SnapStart applies to published versions only: API Gateway calls the alias, which points
            // at the version published for every code or configuration change.
            Annotations.of(function)
                    .acknowledgeWarning(
                            "@aws-cdk/aws-lambda:snapStartRequirePublish",
                            "currentVersion is published and is what the live alias serves");
            this.alias = Alias.Builder.create(scope, spec.id() + "Live")
                    .aliasName(LIVE_ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
        } else {
            this.alias = null;
        }
    }

    Function function() {
        return function;
    }

    /** The {@code live} alias; only for SnapStart functions. */
    Alias alias() {
        if (alias == null) {
            throw new IllegalStateException(function.getNode().getId() + " has no alias (no SnapStart)");
        }
        return alias;
    }

    /** Adds one Allow statement with these actions on these resources to the function's role. */
    GatewayFunction allow(final List<String> actions, final List<String> resources) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(resources)
                .build());
        return this;
    }
}
