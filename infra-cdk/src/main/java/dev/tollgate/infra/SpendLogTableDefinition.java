package dev.tollgate.infra;

import dev.tollgate.gateway.spendlog.SpendLogAthenaDdl;
import dev.tollgate.gateway.spendlog.SpendLogColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spend-log table as the gateway defines it, for the Glue table: the columns from
 * {@link SpendLogColumns} and the SerDe, formats, location and table properties (partition
 * projection) read out of {@link SpendLogAthenaDdl}'s DDL, the one checked in as
 * {@code athena-queries/create_spend_logs_table.sql}. Nothing here is written twice, so the Glue
 * table cannot drift from the DDL the query tests run.
 *
 * @param serde        the SerDe class (OpenX JSON)
 * @param inputFormat  the Hadoop input format
 * @param outputFormat the Hadoop output format
 * @param location     {@code s3://<bucket>/spend-logs/}
 * @param properties   the table properties, in DDL order (projection.*, storage.location.template, ...)
 */
record SpendLogTableDefinition(
        String serde, String inputFormat, String outputFormat, String location, Map<String, String> properties) {

    /** A bucket name no real one collides with, replaced by the deployed bucket's name. */
    private static final String BUCKET_MARKER = "tollgate-bucket-marker-0";

    private static final Pattern PROPERTY = Pattern.compile("'([^']+)'\\s*=\\s*'([^']*)'");

    /** The table name the queries use. */
    static String tableName() {
        return SpendLogColumns.TABLE;
    }

    static List<SpendLogColumns.Column> columns() {
        return SpendLogColumns.COLUMNS;
    }

    static List<SpendLogColumns.Column> partitionColumns() {
        return SpendLogColumns.PARTITION_COLUMNS;
    }

    /**
     * @param bucketName the spend-log bucket's name (may be a CDK token)
     * @throws IllegalStateException when the DDL no longer has the shape this reads
     */
    static SpendLogTableDefinition forBucket(final String bucketName) {
        String ddl = SpendLogAthenaDdl.createTable(BUCKET_MARKER);
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher m = PROPERTY.matcher(find(ddl, "(?s)\\bTBLPROPERTIES\\s*\\((.*)\\)"));
        while (m.find()) {
            properties.put(m.group(1), m.group(2).replace(BUCKET_MARKER, bucketName));
        }
        if (!properties.containsKey("projection.enabled") || !properties.containsKey("storage.location.template")) {
            throw new IllegalStateException("SpendLogAthenaDdl has no partition projection properties: " + properties);
        }
        return new SpendLogTableDefinition(
                find(ddl, "\\bROW FORMAT SERDE '([^']+)'"),
                find(ddl, "\\bINPUTFORMAT '([^']+)'"),
                find(ddl, "\\bOUTPUTFORMAT '([^']+)'"),
                find(ddl, "\\bLOCATION '([^']+)'").replace(BUCKET_MARKER, bucketName),
                properties);
    }

    private static String find(final String ddl, final String regex) {
        Matcher m = Pattern.compile(regex).matcher(ddl);
        if (!m.find()) {
            throw new IllegalStateException("SpendLogAthenaDdl.createTable() no longer matches /" + regex
                    + "/: update SpendLogTableDefinition");
        }
        return m.group(1);
    }
}
