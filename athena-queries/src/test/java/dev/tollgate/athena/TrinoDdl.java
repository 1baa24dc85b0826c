package dev.tollgate.athena;

import dev.tollgate.gateway.spendlog.SpendLogAthenaDdl;
import dev.tollgate.gateway.spendlog.SpendLogColumns;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Trino twin of the Athena DDL, from the same {@link SpendLogColumns}: Trino's Hive connector
 * spells the SerDe {@code format = 'OPENX_JSON'} and the projection properties
 * {@code partition_projection_*}, but means the same table.
 */
final class TrinoDdl {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private TrinoDdl() {}

    /** The table over {@code location} (e.g. {@code local:///spend-logs/}). */
    static String createTable(String qualifiedName, String location) {
        String columns = SpendLogColumns.COLUMNS.stream()
                .map(c -> "  \"" + c.name() + "\" " + trinoType(c.hiveType()))
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE " + qualifiedName + " (\n" + columns + ",\n"
                + "  dt varchar WITH (partition_projection_type = 'date', partition_projection_format = 'yyyy-MM-dd',"
                + " partition_projection_range = ARRAY['" + SpendLogAthenaDdl.FIRST_DAY + "', 'NOW'],"
                + " partition_projection_interval = 1, partition_projection_interval_unit = 'DAYS'),\n"
                + "  hour varchar WITH (partition_projection_type = 'integer', partition_projection_range = ARRAY['0', '23'],"
                + " partition_projection_digits = 2)\n"
                + ") WITH (\n"
                + "  format = 'OPENX_JSON',\n"
                + "  partitioned_by = ARRAY['dt', 'hour'],\n"
                + "  external_location = '" + location + "',\n"
                + "  partition_projection_enabled = true,\n"
                + "  partition_projection_location_template = '" + location + "dt=${dt}/hour=${hour}/'\n"
                + ")";
    }

    /** Hive type language → Trino's. */
    static String trinoType(String hiveType) {
        Matcher decimal = DECIMAL.matcher(hiveType);
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + ", " + decimal.group(2) + ")";
        }
        return switch (hiveType) {
            case "string" -> "varchar";
            case "int" -> "integer";
            case "bigint" -> "bigint";
            case "boolean" -> "boolean";
            case "array<string>" -> "array(varchar)";
            case "map<string,string>" -> "map(varchar, varchar)";
            default -> throw new IllegalArgumentException("no Trino type for Hive type " + hiveType);
        };
    }
}
