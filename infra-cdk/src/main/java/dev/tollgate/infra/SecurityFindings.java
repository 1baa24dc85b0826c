package dev.tollgate.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagReportFormat;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/**
 * The AWS Solutions security rules of cdk-nag, run over the synthesized app, and every finding the
 * stack accepts instead of fixing, each with its reason. The findings that were fixed (access and
 * execution logs, the buckets' server access logs, roles without managed policies) and this list
 * are tabled in docs/infrastructure.md, "Security findings". {@code SecurityFindingsTest} fails on
 * any error or warning that is neither fixed nor accepted here; {@code cdk synth} stops on one.
 */
final class SecurityFindings {

    static final String AUTHORIZATION = "Tollgate authorizes every call itself: each method is a Lambda proxy to"
            + " the gateway, which checks the caller's virtual key (kept only as a SHA-256 hash in the table, with"
            + " its budgets, expiry and model limits) or the master key, and answers OpenAI-shaped 401 errors that"
            + " OpenAI SDKs understand. An API Gateway or Cognito authorizer would repeat that lookup on every call,"
            + " answer in another error shape, and cannot know the keys' budgets; /health is public on purpose.";

    static final String REQUEST_VALIDATION = "The gateway validates every request itself against the OpenAI API"
            + " and answers an invalid one with an OpenAI-shaped 400 (invalid_request_error) that SDKs parse; API"
            + " Gateway's validator would answer {\"message\": \"Invalid request body\"} instead. Every route is an"
            + " ANY proxy with no model or required parameter to declare, so a validator would check nothing.";

    static final String WAF = "No WAFv2 web ACL by default: it bills a monthly fee plus every request, and the"
            + " API is an authenticated machine-to-machine API protected by stage throttling (throttlingRateLimit,"
            + " throttlingBurstLimit), per-key rate limits and budgets. Associate a web ACL with the stage where"
            + " your organisation requires one.";

    static final String API_CLOUDWATCH_ROLE = "The account's API Gateway CloudWatch role (AWS::ApiGateway::Account),"
            + " with which API Gateway writes access and execution logs. AmazonAPIGatewayPushToCloudWatchLogs is the"
            + " policy AWS documents for it; the role is one per account and region, shared by every REST API"
            + " there, so a policy naming only this stack's log groups would break the others' logging.";

    static final String RUNTIME = "java21 on purpose: the gateway is compiled with --release 21 (the root pom's"
            + " maven.compiler.release) for Lambda's java21 LTS runtime, and its SnapStart start-up and cold-start"
            + " benchmark (bench/coldstart.sh) are measured on it. Moving to java25 changes that release and this"
            + " runtime together, with the benchmark re-run.";

    static final String MASTER_KEY_ROTATION = "The master key is the admin credential the operator hands to people"
            + " and scripts, not a database password a rotation Lambda could change behind their backs. Rotate it"
            + " by hand: put-secret-value, then deploy with a new snapshotRevision so the SnapStart functions read it"
            + " again (docs/infrastructure.md).";

    static final String PROVIDER_KEY_ROTATION = "Holds the provider API keys (OpenAI, Anthropic, ...): only the"
            + " provider can issue a new key, so Secrets Manager has nothing to rotate them with. Rotate them at the"
            + " provider, then put-secret-value and deploy with a new snapshotRevision.";

    static final String DEAD_LETTER_QUEUE = "This queue is itself a dead-letter queue: the on-failure destination of"
            + " the shipper's event source mapping (a failed batch's description after 5 retries). An operator reads"
            + " it when the spend-log-dlq-depth alarm fires; messages are kept 14 days. A dead-letter queue behind it"
            + " would receive nothing.";

    static final String BEDROCK_REGIONS = "Region wildcard only: each ARN names one Bedrock model or inference"
            + " profile from bedrockModels. A model's region in tollgate.yml may differ from the stack's, and a"
            + " cross-region inference profile (us., eu., apac., ...) invokes the model in any region of its"
            + " geography, so the region cannot be fixed at synth time.";

    static final String LIST_STREAMS = "Resource * for dynamodb:ListStreams only, which supports no resource-level"
            + " permission; Lambda's stream poller needs it (CDK's DynamoEventSource grant). The stream's own"
            + " actions (DescribeStream, GetRecords, GetShardIterator) name the table's stream.";

    static final String SPEND_LOG_OBJECTS = "s3:PutObject only, under the spend-logs/ prefix of the spend-log"
            + " bucket: the shipper makes its object keys at run time (dt=.../hour=.../<shard>-<sequence>.json.gz),"
            + " so they can only be named by prefix.";

    /**
     * A region wildcard and nothing else: {@code bedrock:*:[account]:(foundation-model|inference-profile)/<id>}.
     * cdk-nag takes a regular expression in slashes.
     */
    static final String BEDROCK_ARN =
            "/^Resource::arn:<AWS::Partition>:bedrock:\\*:(<AWS::AccountId>)?:(foundation-model|inference-profile)\\/[^*]+$/";

    static final String AMAZON_API_GATEWAY_PUSH_TO_CLOUDWATCH_LOGS =
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

    static final String VPC_FLOW_LOGS = "The control plane's VPC has no internet path at all (isolated subnets, no"
            + " internet or NAT gateway): its only traffic is the analytics functions reaching Aurora and the AWS"
            + " services through VPC endpoints. Flow logs would bill CloudWatch ingestion for every such packet and"
            + " show nothing an attacker could use; enable them with an aspect if your organisation requires them.";
    static final String VPC_ACCESS_ROLE = "AWSLambdaVPCAccessExecutionRole is what Lambda needs to create and delete"
            + " the network interfaces of a function in a VPC (ec2:CreateNetworkInterface and friends, which AWS"
            + " defines on Resource *); CDK attaches it to every VPC function's role.";
    static final String CUSTOM_RESOURCE_ROLE = "CDK's AwsCustomResource provider: one function run at deploy time to"
            + " create the database's IAM-authenticated user through the RDS Data API; its role is CDK's own with the"
            + " basic execution policy (write its logs), and nothing at run time uses it.";
    static final String DATABASE_ADMIN_ROTATION = "The Aurora admin password, generated into this secret, is used once"
            + " by the deployment to create the IAM-authenticated user the functions connect as (no function reads"
            + " it); rotating it needs a rotation function inside the isolated VPC for a credential nothing uses.";
    static final String ROLLUP_REBUILD_OBJECTS = "s3:GetObject only, under the spend-logs/ prefix of the spend-log"
            + " bucket (and ListBucket conditioned on that prefix): a rebuild re-reads every object of a date range,"
            + " whose keys are only known by listing.";
    static final String ENDPOINT_INGRESS = "Interface endpoint security groups admit HTTPS from the VPC's own CIDR"
            + " block, which CDK writes as a reference to the VPC (Fn::GetAtt CidrBlock), so the rule cannot read the"
            + " address: it is the isolated VPC's range, never 0.0.0.0/0.";

    private SecurityFindings() {}

    /**
     * Runs the AWS Solutions rules over every construct of the scope (the app) when it synthesizes.
     * Findings become error and warning annotations; each stack's full report (compliant, accepted
     * with the reason, not compliant) goes to {@code cdk.out/AwsSolutions-<stack>-NagReport.csv}
     * and {@code .json}.
     */
    static void check(final IConstruct scope) {
        Aspects.of(scope)
                .add(new AwsSolutionsChecks(NagPackProps.builder()
                        .reportFormats(List.of(NagReportFormat.CSV, NagReportFormat.JSON))
                        .build()));
    }

    /** Records, on the resources concerned, the findings this stack accepts and why. */
    static void accept(
            final StorageConstruct storage,
            final SecretsConstruct secrets,
            final FunctionsConstruct functions,
            final SpendLogShipperConstruct shipper,
            final ApiConstruct api) {
        acceptApi(api);
        acceptRotation(secrets);
        acceptRuntime(List.of(functions.proxy(), functions.admin(), functions.jobs(), shipper.function()));
        accept(shipper.deadLetterQueue(), false, "AwsSolutions-SQS3", DEAD_LETTER_QUEUE);
        acceptWildcards(storage, functions, shipper);
    }

    /** The control plane's findings (the relational store, its VPC and the analytics functions). */
    static void acceptControlPlane(final ControlPlaneConstruct controlPlane, final IConstruct shipperRole) {
        accept(controlPlane.vpc(), false, "AwsSolutions-VPC7", VPC_FLOW_LOGS);
        accept(
                controlPlane.vpc(),
                true,
                "CdkNagValidationFailure",
                ENDPOINT_INGRESS,
                RegexAppliesTo.builder().regex("/^AwsSolutions-EC23$/").build());
        accept(
                controlPlane.database().getNode().findChild("Secret"),
                true,
                "AwsSolutions-SMG4",
                DATABASE_ADMIN_ROTATION);
        acceptRuntime(List.of(controlPlane.api(), controlPlane.jobs()));
        accept(
                controlPlane.jobs().getRole(),
                true,
                "AwsSolutions-IAM5",
                ROLLUP_REBUILD_OBJECTS,
                RegexAppliesTo.builder()
                        .regex("/^Resource::<.*\\.Arn>\\/spend-logs\\/\\*$/")
                        .build());
        accept(
                shipperRole,
                true,
                "AwsSolutions-IAM4",
                VPC_ACCESS_ROLE,
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
        Stack stack = Stack.of(controlPlane);
        IConstruct provider = stack.getNode().tryFindChild("AWS679f53fac002430cb0da5b7982bd2287");
        if (provider != null) {
            accept(
                    provider,
                    true,
                    "AwsSolutions-IAM4",
                    CUSTOM_RESOURCE_ROLE,
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        }
    }

    private static void acceptApi(final ApiConstruct api) {
        // Once for the whole API: its every method, present and future.
        accept(api.api(), true, "AwsSolutions-APIG4", AUTHORIZATION);
        accept(api.api(), true, "AwsSolutions-COG4", AUTHORIZATION);
        accept(api.api(), false, "AwsSolutions-APIG2", REQUEST_VALIDATION);
        accept(api.api().getDeploymentStage(), false, "AwsSolutions-APIG3", WAF);
        accept(
                api.api().getNode().findChild("CloudWatchRole"),
                false,
                "AwsSolutions-IAM4",
                API_CLOUDWATCH_ROLE,
                AMAZON_API_GATEWAY_PUSH_TO_CLOUDWATCH_LOGS);
    }

    private static void acceptRotation(final SecretsConstruct secrets) {
        accept(secrets.masterKey(), false, "AwsSolutions-SMG4", MASTER_KEY_ROTATION);
        accept(secrets.providerSecrets(), false, "AwsSolutions-SMG4", PROVIDER_KEY_ROTATION);
    }

    private static void acceptRuntime(final List<? extends IConstruct> gatewayFunctions) {
        gatewayFunctions.forEach(function -> accept(function, false, "AwsSolutions-L1", RUNTIME));
    }

    /** Each wildcard by the exact resource it appears in: a new one elsewhere is still reported. */
    private static void acceptWildcards(
            final StorageConstruct storage,
            final FunctionsConstruct functions,
            final SpendLogShipperConstruct shipper) {
        accept(
                functions.proxy().getRole(),
                true,
                "AwsSolutions-IAM5",
                BEDROCK_REGIONS,
                RegexAppliesTo.builder().regex(BEDROCK_ARN).build());
        accept(shipper.function().getRole(), true, "AwsSolutions-IAM5", LIST_STREAMS, "Resource::*");
        accept(
                shipper.function().getRole(),
                true,
                "AwsSolutions-IAM5",
                SPEND_LOG_OBJECTS,
                "Resource::<" + logicalId(storage.spendLogBucket()) + ".Arn>/" + StorageConstruct.SPEND_LOG_PREFIX
                        + "/*");
    }

    private static void accept(
            final IConstruct construct,
            final boolean withChildren,
            final String rule,
            final String reason,
            final Object... appliesTo) {
        NagPackSuppression.Builder suppression =
                NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), withChildren);
    }

    /** The bucket's logical id, as cdk-nag writes it in a finding ({@code <Id.Arn>}). */
    private static String logicalId(final Bucket bucket) {
        Stack stack = Stack.of(bucket);
        return (String)
                stack.resolve(stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild()));
    }
}
