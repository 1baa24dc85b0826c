package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static dev.tollgate.infra.Stacks.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.spendlog.SpendLogColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Glue database and table, the Athena workgroup, and the saved report queries. */
class AnalyticsStackTest {

    @Test
    void glueDatabase_isNamedAfterTheStage() {
        DEV.hasResourceProperties(
                "AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "tollgate_dev"))));
    }

    @Test
    void glueTable_columns_areSpendLogColumns_inOrder() {
        List<Map<String, Object>> expected = SpendLogColumns.COLUMNS.stream()
                .map(c -> Map.<String, Object>of("Name", c.name(), "Type", c.hiveType(), "Comment", c.comment()))
                .toList();
        assertEquals(expected, storageDescriptor().get("Columns"));
    }

    @Test
    void glueTable_hasTheCostSplit_asExactDecimals_forTheFocusQuery() {
        // athena-queries/focus_export.sql reads each token kind's recorded cost; a double or a missing
        // column would break "Σ BilledCost = Σ cost" (or the query) on AWS only.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns =
                (List<Map<String, Object>>) storageDescriptor().get("Columns");
        for (String name : List.of("input_cost", "output_cost", "cache_read_cost", "cache_write_cost")) {
            assertTrue(
                    columns.stream()
                            .anyMatch(c ->
                                    c.get("Name").equals(name) && c.get("Type").equals("decimal(22,12)")),
                    name);
        }
    }

    @Test
    void glueTable_hasTheFailoverRuleColumn() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns =
                (List<Map<String, Object>>) storageDescriptor().get("Columns");
        assertTrue(
                columns.stream()
                        .anyMatch(c -> "failover_rule_id".equals(c.get("Name")) && "string".equals(c.get("Type"))),
                "spend-log lines record the SLA failover rule that moved a call");
    }

    @Test
    void glueTable_isPartitionedByDtAndHour() {
        assertEquals(
                List.of(
                        Map.of(
                                "Name",
                                "dt",
                                "Type",
                                "string",
                                "Comment",
                                SpendLogColumns.PARTITION_COLUMNS.get(0).comment()),
                        Map.of(
                                "Name",
                                "hour",
                                "Type",
                                "string",
                                "Comment",
                                SpendLogColumns.PARTITION_COLUMNS.get(1).comment())),
                tableInput().get("PartitionKeys"));
    }

    @Test
    void glueTable_readsGzipJsonLinesWithTheOpenXSerDe_underSpendLogs() {
        assertEquals(
                Map.of("SerializationLibrary", "org.openx.data.jsonserde.JsonSerDe"),
                storageDescriptor().get("SerdeInfo"));
        assertEquals(
                "org.apache.hadoop.mapred.TextInputFormat", storageDescriptor().get("InputFormat"));
        assertEquals(
                Map.of("Fn::Join", List.of("", List.of("s3://", bucket(), "/spend-logs/"))),
                storageDescriptor().get("Location"));
    }

    @Test
    void glueTable_hasThePartitionProjectionOfSpendLogAthenaDdl() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("EXTERNAL", "TRUE");
        expected.put("classification", "json");
        expected.put("projection.enabled", "true");
        expected.put("projection.dt.type", "date");
        expected.put("projection.dt.format", "yyyy-MM-dd");
        expected.put("projection.dt.range", "2025-01-01,NOW");
        expected.put("projection.dt.interval", "1");
        expected.put("projection.dt.interval.unit", "DAYS");
        expected.put("projection.hour.type", "integer");
        expected.put("projection.hour.range", "0,23");
        expected.put("projection.hour.digits", "2");
        expected.put(
                "storage.location.template",
                Map.of("Fn::Join", List.of("", List.of("s3://", bucket(), "/spend-logs/dt=${dt}/hour=${hour}/"))));
        expected.put("schema_version", "1");
        assertEquals(expected, tableInput().get("Parameters"));
    }

    @Test
    void workGroup_enforcesItsResultLocation_andScanCutoff() {
        DEV.hasResourceProperties(
                "AWS::Athena::WorkGroup",
                Map.of(
                        "Name",
                        "tollgate-dev",
                        "WorkGroupConfiguration",
                        Match.objectLike(Map.of(
                                "EnforceWorkGroupConfiguration",
                                true,
                                "BytesScannedCutoffPerQuery",
                                10L * 1024 * 1024 * 1024,
                                "ResultConfiguration",
                                Map.of(
                                        "OutputLocation",
                                                Map.of("Fn::Join", List.of("", List.of("s3://", resultsBucket(), "/"))),
                                        "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3"))))));
        PROD.hasResourceProperties(
                "AWS::Athena::WorkGroup",
                Map.of(
                        "WorkGroupConfiguration",
                        Match.objectLike(Map.of("BytesScannedCutoffPerQuery", 1024 * 1024 * 1024))));
    }

    @Test
    void resultsBucket_expiresResultsAfterAWeek() {
        DEV.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                List.of(Map.of(
                                        "Id",
                                        "expire-query-results",
                                        "Status",
                                        "Enabled",
                                        "ExpirationInDays",
                                        7,
                                        "AbortIncompleteMultipartUpload",
                                        Map.of("DaysAfterInitiation", 1))))));
    }

    @Test
    void namedQueries_oneForEachReportFile_namedAfterIt_withItsExactText() throws IOException {
        // Read the directory here, independently of the app's loader.
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(Stacks.ATHENA_QUERIES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                expected.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        expected.remove("create_spend_logs_table.sql");
        assertFalse(expected.isEmpty());

        Map<String, String> actual = new TreeMap<>();
        DEV.findResources("AWS::Athena::NamedQuery")
                .values()
                .forEach(query -> actual.put((String) properties(query).get("Name"), (String)
                        properties(query).get("QueryString")));
        assertEquals(expected, actual);
    }

    @Test
    void namedQueries_runInTheWorkGroup_onTheGlueDatabase() {
        DEV.allResourcesProperties(
                "AWS::Athena::NamedQuery",
                Map.of(
                        "WorkGroup", ref(onlyLogicalId(DEV, "AWS::Athena::WorkGroup")),
                        "Database", ref(onlyLogicalId(DEV, "AWS::Glue::Database"))));
    }

    private static Map<String, Object> bucket() {
        return ref(StorageStackTest.spendLogBucketId(DEV));
    }

    /** The bucket of the Analytics construct (the others are the spend-log and access-log buckets). */
    private static Map<String, Object> resultsBucket() {
        List<String> ids = DEV.findResources("AWS::S3::Bucket").keySet().stream()
                .filter(id -> id.startsWith("AnalyticsResultsBucket"))
                .toList();
        assertEquals(1, ids.size(), ids::toString);
        return ref(ids.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tableInput() {
        return (Map<String, Object>) properties(DEV.findResources("AWS::Glue::Table")
                        .values()
                        .iterator()
                        .next())
                .get("TableInput");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storageDescriptor() {
        return (Map<String, Object>) tableInput().get("StorageDescriptor");
    }
}
