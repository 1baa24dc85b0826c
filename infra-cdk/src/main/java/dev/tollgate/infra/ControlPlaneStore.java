package dev.tollgate.infra;

import static dev.tollgate.infra.ControlPlaneConstruct.APP_USER;
import static dev.tollgate.infra.ControlPlaneConstruct.CREATE_APP_USER;
import static dev.tollgate.infra.ControlPlaneConstruct.DATABASE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.CodeConfig;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.constructs.Construct;

/**
 * The control plane's relational store and the network that reaches it, created in the {@link ControlPlaneConstruct}'s
 * scope (so the construct paths, hence the resources' logical ids, are the construct's own): the VPC, the Aurora
 * cluster, its application role, the environment that reaches it, and the shipper moved into the VPC.
 */
final class ControlPlaneStore {
    private ControlPlaneStore() {}

    /** Isolated subnets in two AZs, no NAT; free gateway endpoints for S3 and DynamoDB, interface ones for Secrets Manager and SNS. */
    static Vpc vpc(final Construct scope, final TollgateStackProps props) {
        Vpc created = Vpc.Builder.create(scope, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("isolated")
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .cidrMask(24)
                        .build()))
                .build();
        created.addGatewayEndpoint(
                "S3",
                GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .build());
        created.addGatewayEndpoint(
                "DynamoDb",
                GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.DYNAMODB)
                        .build());
        // Interface endpoints cost per AZ-hour: one AZ outside prod, both in prod.
        SubnetSelection endpointSubnets = props.isProd()
                ? SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .build()
                : SubnetSelection.builder()
                        .subnets(List.of(created.getIsolatedSubnets().get(0)))
                        .build();
        created.addInterfaceEndpoint(
                "SecretsManager",
                InterfaceVpcEndpointOptions.builder()
                        .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                        .subnets(endpointSubnets)
                        .build());
        created.addInterfaceEndpoint(
                "Sns",
                InterfaceVpcEndpointOptions.builder()
                        .service(InterfaceVpcEndpointAwsService.SNS)
                        .subnets(endpointSubnets)
                        .build());
        return created;
    }

    /** Aurora Serverless v2 PostgreSQL, min 0 ACU, IAM authentication, reachable from {@code functions}. */
    static DatabaseCluster database(
            final Construct scope,
            final TollgateStackProps props,
            final ControlPlaneProps controlPlane,
            final Vpc vpc,
            final SecurityGroup functions) {
        DatabaseCluster cluster = DatabaseCluster.Builder.create(scope, "Database")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_16_9)
                        .build()))
                .writer(ClusterInstance.serverlessV2("writer"))
                .serverlessV2MinCapacity(0)
                .serverlessV2MaxCapacity(controlPlane.maxAcu())
                .serverlessV2AutoPauseDuration(Duration.minutes(5))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .build())
                .defaultDatabaseName(DATABASE)
                // The admin password is generated into Secrets Manager and used once (appUser).
                .credentials(Credentials.fromGeneratedSecret("tollgate_admin"))
                .iamAuthentication(true)
                .enableDataApi(true)
                .storageEncrypted(true)
                // Kept like the table and the spend-log bucket: only a throwaway stack (destroyData) drops it.
                .deletionProtection(!props.destroyData())
                .removalPolicy(props.destroyData() ? RemovalPolicy.DESTROY : RemovalPolicy.SNAPSHOT)
                .build();
        cluster.getConnections().allowDefaultPortFrom(functions, "Tollgate analytics functions");
        return cluster;
    }

    /** The IAM-authenticated application role, created once through the Data API. */
    static void appUser(final Construct scope, final DatabaseCluster database) {
        AwsSdkCall call = AwsSdkCall.builder()
                .service("RDSData")
                .action("executeStatement")
                .parameters(appUserParameters(database))
                .physicalResourceId(PhysicalResourceId.of(APP_USER))
                .build();
        AwsCustomResource created = AwsCustomResource.Builder.create(scope, "AppUser")
                .onCreate(call)
                .onUpdate(call)
                .timeout(Duration.minutes(5))
                .installLatestAwsSdk(false)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(
                        ControlPlaneConstruct.allow(List.of("rds-data:ExecuteStatement"), database.getClusterArn()),
                        ControlPlaneConstruct.allow(
                                List.of("secretsmanager:GetSecretValue"),
                                database.getSecret().getSecretArn()))))
                .build();
        created.getNode().addDependency(database);
    }

    /**
     * In a fixed order: the parameters are written into the custom resource's properties as JSON, and an order that
     * changed from one synth to the next ({@code Map.of}'s does) would update the resource, re-running the statement,
     * on every deploy.
     */
    static Map<String, Object> appUserParameters(final DatabaseCluster database) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("resourceArn", database.getClusterArn());
        parameters.put("secretArn", database.getSecret().getSecretArn());
        parameters.put("database", DATABASE);
        parameters.put("sql", CREATE_APP_USER);
        return parameters;
    }

    /** What the functions need to reach the database as the app user. */
    static Map<String, String> environment(final DatabaseCluster database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MICRONAUT_ENVIRONMENTS", "lambda");
        env.put("JAVA_TOOL_OPTIONS", GatewayFunction.JAVA_TOOL_OPTIONS);
        env.put(
                "DATASOURCES_DEFAULT_URL",
                // the socket address is a string token; the port alone is a number token, which Java's string
                // concatenation would write as a raw double (":-1.888…E289") that CloudFormation never resolves
                "jdbc:postgresql://" + database.getClusterEndpoint().getSocketAddress() + "/" + DATABASE
                        + "?sslmode=require");
        env.put("DATASOURCES_DEFAULT_USERNAME", APP_USER);
        env.put("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "org.postgresql.Driver");
        env.put("DATASOURCES_DEFAULT_DIALECT", "POSTGRES");
        env.put("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE", "2");
        env.put("TOLLGATE_ANALYTICS_IAM_AUTH", "true");
        env.put("TOLLGATE_ANALYTICS_REGION", Aws.REGION);
        return env;
    }

    /**
     * The shipper runs the analytics artifact (same handler class) in the VPC, so after writing an
     * object to S3 it folds it into the rollups; its role may connect as the app user.
     */
    static void attachShipper(
            final Construct scope,
            final Function shipper,
            final ControlPlaneProps controlPlane,
            final Map<String, String> env,
            final Vpc vpc,
            final SecurityGroup functions,
            final DatabaseCluster database) {
        CfnFunction cfn = (CfnFunction) shipper.getNode().getDefaultChild();
        CodeConfig code = controlPlane.analyticsCode().bind(scope);
        cfn.setCode(CfnFunction.CodeProperty.builder()
                .s3Bucket(code.getS3Location().getBucketName())
                .s3Key(code.getS3Location().getObjectKey())
                .build());
        cfn.setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                .subnetIds(vpc.getIsolatedSubnets().stream()
                        .map(s -> s.getSubnetId())
                        .toList())
                .securityGroupIds(List.of(functions.getSecurityGroupId()))
                .build());
        env.forEach((name, value) -> {
            if (name.startsWith("DATASOURCES_") || name.startsWith("TOLLGATE_ANALYTICS_")) {
                shipper.addEnvironment(name, value);
            }
        });
        shipper.getRole()
                .addManagedPolicy(
                        ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaVPCAccessExecutionRole"));
        database.grantConnect(shipper.getRole(), APP_USER);
    }
}
