package dev.tollgate.analytics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tollgate.gateway.errors.GatewayException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /api/v1/reports/export}: the daily rollups of a period as CSV, JSON or FOCUS (CSV with the
 * FOCUS 1.3 columns), one row per day and scope (key, user, team, end user, tag set) and model.
 */
public final class Exports {
    /** The columns of the csv and json formats. */
    public static final List<String> COLUMNS = List.of(
            "date",
            "api_key",
            "key_alias",
            "user_id",
            "team_id",
            "end_user",
            "requested_model",
            "model",
            "provider",
            "tags",
            "requests",
            "successful_requests",
            "failed_requests",
            "prompt_tokens",
            "completion_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "total_tokens",
            "cost",
            "cache_read_cost",
            "cache_write_cost");

    /** The formats, with their media type and file extension. */
    public enum Format {
        CSV("text/csv", "csv"),
        JSON("application/json", "json"),
        FOCUS("text/csv", "focus.csv");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public static Format parse(String value) {
            try {
                return valueOf((value == null || value.isBlank() ? "csv" : value.trim()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalidRequest(
                        "'format' must be csv, json or focus, got '" + value + "'", "format");
            }
        }
    }

    private final RollupReader reader;
    private final ZoneId zone;
    private final Function<String, FocusRow.Rates> rates;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    public Exports(RollupReader reader, ZoneId zone, Function<String, FocusRow.Rates> rates) {
        this.reader = reader;
        this.zone = zone;
        this.rates = rates;
    }

    /** The rollup groups an export writes for one day. */
    private List<RollupRow> day(LocalDate day) {
        return reader.query(RollupQuery.of(
                day,
                day,
                Map.of(),
                Dim.DAY,
                Dim.KEY,
                Dim.USER,
                Dim.TEAM,
                Dim.END_USER,
                Dim.REQUESTED_MODEL,
                Dim.MODEL,
                Dim.PROVIDER,
                Dim.TAG_SET));
    }

    /**
     * Writes the period in {@code format} to {@code out}, one day at a time (memory holds a day's rows, whatever the
     * period), all days read from one snapshot of the rollups.
     */
    public void write(Format format, LocalDate from, LocalDate to, Writer out) throws IOException {
        IOException failed = reader.consistently(() -> {
            try {
                writeDays(format, from, to, out);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        if (failed != null) {
            throw failed;
        }
        out.flush();
    }

    private void writeDays(Format format, LocalDate from, LocalDate to, Writer out) throws IOException {
        boolean first = true;
        out.write(
                switch (format) {
                    case FOCUS -> csvLine(FocusRow.COLUMNS);
                    case CSV -> csvLine(COLUMNS);
                    case JSON -> "[";
                });
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (RollupRow r : day(d)) {
                switch (format) {
                    case FOCUS -> {
                        for (Map<String, Object> row : FocusRow.of(r, zone, rates)) {
                            out.write(csvRow(FocusRow.COLUMNS, row));
                        }
                    }
                    case CSV -> out.write(csvRow(COLUMNS, plain(r)));
                    case JSON -> {
                        out.write(first ? "\n" : ",\n");
                        out.write(json.writeValueAsString(plain(r)));
                    }
                }
                first = false;
            }
        }
        if (format == Format.JSON) {
            out.write("\n]\n");
        }
    }

    static Map<String, Object> plain(RollupRow r) {
        Totals t = r.totals();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", r.get(Dim.DAY));
        m.put("api_key", r.orNull(Dim.KEY));
        m.put("key_alias", r.keyAlias() == null || r.keyAlias().isEmpty() ? null : r.keyAlias());
        m.put("user_id", r.orNull(Dim.USER));
        m.put("team_id", r.orNull(Dim.TEAM));
        m.put("end_user", r.orNull(Dim.END_USER));
        m.put("requested_model", r.orNull(Dim.REQUESTED_MODEL));
        m.put("model", r.orNull(Dim.MODEL));
        m.put("provider", r.orNull(Dim.PROVIDER));
        m.put("tags", r.get(Dim.TAG_SET));
        m.put("requests", t.requests());
        m.put("successful_requests", t.successes());
        m.put("failed_requests", t.errors());
        m.put("prompt_tokens", t.promptTokens());
        m.put("completion_tokens", t.completionTokens());
        m.put("cache_read_tokens", t.cacheReadTokens());
        m.put("cache_write_tokens", t.cacheWriteTokens());
        m.put("reasoning_tokens", t.reasoningTokens());
        m.put("total_tokens", t.totalTokens());
        m.put("cost", t.cost());
        m.put("cache_read_cost", t.cacheReadCost());
        m.put("cache_write_cost", t.cacheWriteCost());
        return m;
    }

    /** The header line of {@code columns}. */
    private static String csvLine(List<String> names) {
        return String.join(",", names) + "\r\n";
    }

    /** One CSV line: {@code row}'s values in {@code columns}' order, quoted where needed. */
    static String csvRow(List<String> columns, Map<String, Object> row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csv(row.get(columns.get(i))));
        }
        return line.append("\r\n").toString();
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
