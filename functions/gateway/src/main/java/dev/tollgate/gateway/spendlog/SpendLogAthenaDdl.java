package dev.tollgate.gateway.spendlog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Athena {@code CREATE EXTERNAL TABLE} for the spend logs, generated from {@link SpendLogColumns}:
 * OpenX JSON SerDe over the gzip JSON-lines objects, partition projection on {@code dt} (a date) and
 * {@code hour} (00–23), so Athena finds partitions from the key layout without a crawler or
 * {@code MSCK REPAIR}. The checked-in {@code athena-queries/create_spend_logs_table.sql} is
 * {@link #createTable()}; a test fails when they differ.
 */
public final class SpendLogAthenaDdl {

    /** Stands for the bucket name in the checked-in DDL; replace it before running the statement. */
    public static final String BUCKET_PLACEHOLDER = "${bucket}";

    /** The first day partition projection considers. */
    public static final String FIRST_DAY = "2025-01-01";

    private SpendLogAthenaDdl() {}

    /** The DDL with {@link #BUCKET_PLACEHOLDER} for the bucket, as checked in. */
    public static String createTable() {
        return createTable(BUCKET_PLACEHOLDER);
    }

    /** The DDL for the spend logs under {@code s3://<bucket>/spend-logs/}. */
    public static String createTable(String bucket) {
        String location = "s3://" + bucket + "/" + SpendLogColumns.PREFIX;
        return "-- Generated from dev.tollgate.gateway.spendlog.SpendLogColumns by SpendLogAthenaDdl: do not edit.\n"
                + "-- Replace " + BUCKET_PLACEHOLDER + " with the spend-log bucket, then run it once in Athena.\n"
                + "-- The ${dt} and ${hour} in storage.location.template are Athena's: leave them.\n"
                + "CREATE EXTERNAL TABLE IF NOT EXISTS " + SpendLogColumns.TABLE + " (\n"
                + columns(SpendLogColumns.COLUMNS) + "\n"
                + ")\n"
                + "PARTITIONED BY (\n"
                + columns(SpendLogColumns.PARTITION_COLUMNS) + "\n"
                + ")\n"
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n"
                + "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n"
                + "  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n"
                + "LOCATION '" + location + "'\n"
                + "TBLPROPERTIES (\n"
                + "  'projection.enabled'='true',\n"
                + "  'projection.dt.type'='date',\n"
                + "  'projection.dt.format'='yyyy-MM-dd',\n"
                + "  'projection.dt.range'='" + FIRST_DAY + ",NOW',\n"
                + "  'projection.dt.interval'='1',\n"
                + "  'projection.dt.interval.unit'='DAYS',\n"
                + "  'projection.hour.type'='integer',\n"
                + "  'projection.hour.range'='0,23',\n"
                + "  'projection.hour.digits'='2',\n"
                + "  'storage.location.template'='" + location + "dt=${dt}/hour=${hour}/',\n"
                + "  'schema_version'='" + SpendLogRecord.SCHEMA_VERSION + "'\n"
                + ")\n";
    }

    private static String columns(List<SpendLogColumns.Column> columns) {
        return columns.stream()
                .map(c -> "  `" + c.name() + "` " + c.hiveType() + " COMMENT '" + c.comment() + "'")
                .collect(Collectors.joining(",\n"));
    }
}
