package dev.tollgate.infra;

import dev.tollgate.gateway.spendlog.SpendLogColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * "Who spent what": the Glue database and spend-log table (partition projection, so no crawler),
 * an Athena workgroup that enforces its result location and a per-query scan limit, and one saved
 * (named) query per report file in {@code athena-queries/}.
 */
final class AnalyticsConstruct extends Construct {

    /** Query results are disposable: the console and the CLI read them within minutes. */
    static final int RESULT_EXPIRY_DAYS = 7;

    static final String ENGINE_VERSION = "Athena engine version 3";

    /** Where the results bucket's server access logs go in the access-log bucket. */
    static final String RESULTS_ACCESS_LOG_PREFIX = "athena-results-bucket/";

    private final CfnDatabase database;
    private final CfnWorkGroup workGroup;
    private final Bucket resultsBucket;

    AnalyticsConstruct(
            final Construct scope, final String id, final TollgateStackProps props, final StorageConstruct storage) {
        super(scope, id);
        Bucket spendLogBucket = storage.spendLogBucket();
        this.resultsBucket = createResultsBucket(storage.accessLogBucket());
        this.database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName(props.stage()))
                        .description("Tollgate spend logs (" + props.stage() + ")")
                        .build())
                .build();
        createTable(spendLogBucket);
        this.workGroup = createWorkGroup(props);
        props.namedQueries().forEach(this::createNamedQuery);
    }

    /** Glue and Athena database names: lower case, digits and underscores. */
    static String databaseName(final String stage) {
        return "tollgate_" + stage.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    CfnDatabase database() {
        return database;
    }

    CfnWorkGroup workGroup() {
        return workGroup;
    }

    private Bucket createResultsBucket(final Bucket accessLogBucket) {
        return Bucket.Builder.create(this, "ResultsBucket")
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix(RESULTS_ACCESS_LOG_PREFIX)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-query-results")
                        .expiration(Duration.days(RESULT_EXPIRY_DAYS))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
    }

    private CfnTable createTable(final Bucket spendLogBucket) {
        SpendLogTableDefinition definition = SpendLogTableDefinition.forBucket(spendLogBucket.getBucketName());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.put("classification", "json");
        parameters.putAll(definition.properties());
        CfnTable created = CfnTable.Builder.create(this, "SpendLogsTable")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseName(database.getRef())
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(SpendLogTableDefinition.tableName())
                        .description("One JSON line per call through Tollgate (docs/spend-logs.md)")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters)
                        .partitionKeys(glueColumns(SpendLogTableDefinition.partitionColumns()))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .columns(glueColumns(SpendLogTableDefinition.columns()))
                                .location(definition.location())
                                .inputFormat(definition.inputFormat())
                                .outputFormat(definition.outputFormat())
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary(definition.serde())
                                        .build())
                                .build())
                        .build())
                .build();
        return created;
    }

    private static List<Object> glueColumns(final List<SpendLogColumns.Column> columns) {
        return columns.stream()
                .map(c -> (Object) CfnTable.ColumnProperty.builder()
                        .name(c.name())
                        .type(c.hiveType())
                        .comment(c.comment())
                        .build())
                .toList();
    }

    private CfnWorkGroup createWorkGroup(final TollgateStackProps props) {
        return CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name("tollgate-" + props.stage())
                .description("Tollgate spend reports (" + props.stage() + ")")
                .state("ENABLED")
                // Stack deletion also removes the workgroup's saved queries and history.
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        // Clients cannot send results elsewhere or lift the scan limit.
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(props.athenaBytesScannedCutoff())
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion(ENGINE_VERSION)
                                .build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + resultsBucket.getBucketName() + "/")
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3")
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** A saved query named after its file, so users find the reports in the Athena console. */
    private void createNamedQuery(final String fileName, final String sql) {
        CfnNamedQuery.Builder.create(this, "Query-" + fileName)
                .name(fileName)
                .description(description(sql))
                .database(database.getRef())
                .workGroup(workGroup.getRef())
                .queryString(sql)
                .build();
    }

    /** The file's first comment line (the queries start with one), or a generic description. */
    static String description(final String sql) {
        String first = sql.lines().findFirst().orElse("").strip();
        String text = first.startsWith("--") ? first.substring(2).strip() : "";
        if (text.isEmpty()) {
            return "Tollgate spend report";
        }
        return text.length() > 1024 ? text.substring(0, 1024) : text;
    }
}
