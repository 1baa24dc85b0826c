package dev.tollgate.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.s3.TransitionDefaultMinimumObjectSize;
import software.constructs.Construct;

/**
 * The state: the one DynamoDB table of docs/architecture.md §3 (mirroring the gateway's
 * {@code storage.TableDefinition}), the spend-log bucket the shipper writes to, and the bucket that
 * receives the S3 server access logs of the stack's buckets. All three are retained unless the
 * deployer passed {@code destroyData}.
 */
final class StorageConstruct extends Construct {

    /** The sparse index of reservations (sweeper) and of admin listings; see TableDefinition. */
    static final String GSI1 = "gsi1";
    /** The prefix under which the shipper writes (SpendLogColumns.PREFIX, without the slash). */
    static final String SPEND_LOG_PREFIX = "spend-logs";
    /** Where the spend-log bucket's server access logs go in the access-log bucket. */
    static final String SPEND_LOG_ACCESS_LOG_PREFIX = "spend-log-bucket/";

    private final TollgateStackProps props;
    private final Table table;
    private final Bucket accessLogBucket;
    private final Bucket spendLogBucket;

    StorageConstruct(final Construct scope, final String id, final TollgateStackProps props) {
        super(scope, id);
        this.props = props;
        this.table = createTable();
        this.accessLogBucket = createAccessLogBucket();
        this.spendLogBucket = createSpendLogBucket();
    }

    Table table() {
        return table;
    }

    Bucket spendLogBucket() {
        return spendLogBucket;
    }

    /** The target of every bucket's server access logs (each under its own prefix). */
    Bucket accessLogBucket() {
        return accessLogBucket;
    }

    /** ARN of {@link #GSI1}, for Query grants that name the index instead of {@code index/*}. */
    String gsi1Arn() {
        return table.getTableArn() + "/index/" + GSI1;
    }

    private Table createTable() {
        Table created = Table.Builder.create(this, "Table")
                .partitionKey(string("pk"))
                .sortKey(string("sk"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute("ttl")
                // The shipper Lambda reads spend-log items from the stream.
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                // Keys, budgets and counters survive a `cdk destroy` or a replacement unless the
                // deployer passed destroyData; prod also refuses DeleteTable itself.
                .deletionProtection(props.isProd())
                .removalPolicy(props.dataRemovalPolicy())
                .build();
        // Sparse: only open reservations (sweeper) and listed records (admin) carry gsi1pk.
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(GSI1)
                .partitionKey(string("gsi1pk"))
                .sortKey(string("gsi1sk"))
                .projectionType(ProjectionType.ALL)
                .build());
        return created;
    }

    /**
     * Who read or wrote the spend history, and when. SSE-S3: server access logging cannot deliver to
     * a bucket encrypted with a KMS key. Kept as long as the spend logs it describes. S3 delivers
     * through a bucket policy CDK adds (feature flag serverAccessLogsUseBucketPolicy in cdk.json), so
     * the bucket keeps S3's default object ownership (ACLs disabled).
     */
    private Bucket createAccessLogBucket() {
        return Bucket.Builder.create(this, "AccessLogBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(props.logExpireDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(props.dataRemovalPolicy())
                .autoDeleteObjects(props.destroyData())
                .build();
    }

    private Bucket createSpendLogBucket() {
        return Bucket.Builder.create(this, "SpendLogBucket")
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix(SPEND_LOG_ACCESS_LOG_PREFIX)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                // The shipper overwrites an object when a batch is retried; versions would only
                // keep identical copies.
                .versioned(false)
                // Objects below 128 KB stay in Standard: Infrequent Access bills them as 128 KB.
                .transitionDefaultMinimumObjectSize(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("spend-logs-ia-then-expire")
                        .prefix(SPEND_LOG_PREFIX + "/")
                        .transitions(List.of(Transition.builder()
                                .storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(props.logIaDays()))
                                .build()))
                        .expiration(Duration.days(props.logExpireDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                // The spend history is kept unless the deployer passed destroyData.
                .removalPolicy(props.dataRemovalPolicy())
                .autoDeleteObjects(props.destroyData())
                .build();
    }

    private static Attribute string(final String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
