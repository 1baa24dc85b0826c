package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exports read a period one day at a time, in one snapshot, and write one file: one header, every row once. */
class ExportsTest {
    private static final LocalDate FROM = LocalDate.of(2026, 10, 4);
    private static final LocalDate TO = LocalDate.of(2026, 10, 8);

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static RecordingReader reader;
    private static Exports exports;

    @BeforeAll
    static void start() {
        TransactionOperations<Connection> tx = PG.tx();
        reader = new RecordingReader(new JdbcRollupReader(tx, PG.jdbc()));
        exports = new Exports(reader, ZoneOffset.UTC, model -> null);
        // Oct 5 (two teams), nothing on Oct 6, Oct 7 (one call); Oct 4 and 8 are empty edges of the period
        new JdbcRollupStore(tx, ZoneOffset.UTC)
                .fold(
                        "o",
                        List.of(
                                call("a", Instant.parse("2026-10-05T10:00:00Z"), "ml", "ana", "0.25"),
                                call("b", Instant.parse("2026-10-05T11:00:00Z"), "web", "bo", "1.5"),
                                call("c", Instant.parse("2026-10-07T09:00:00Z"), "ml", "ana", "2")));
    }

    @Test
    void csv_hasOneHeader_andEachGroupOnce_inDayOrder_readDayByDayInOneSnapshot() throws IOException {
        reader.reset();
        String csv = write(Exports.Format.CSV);

        String[] lines = csv.split("\r\n");
        assertEquals(String.join(",", Exports.COLUMNS), lines[0]);
        assertEquals(4, lines.length, csv);
        assertTrue(lines[1].startsWith("2026-10-05,") && lines[2].startsWith("2026-10-05,"), csv);
        assertTrue(lines[3].startsWith("2026-10-07,"), csv);
        assertEquals(5, reader.queries.size(), "one read per day of the period");
        assertTrue(reader.queries.stream().allMatch(q -> q.from().equals(q.to())), "each read is one day");
        assertEquals(1, reader.snapshots, "all of them in one snapshot");
    }

    @Test
    void json_isOneArray_whoseCostsAddUpToTheCalls() throws IOException {
        JsonNode rows = new ObjectMapper().readTree(write(Exports.Format.JSON));

        assertEquals(3, rows.size());
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            total = total.add(row.path("cost").decimalValue());
        }
        assertEquals(0, new BigDecimal("3.75").compareTo(total));
        assertEquals("[\n]\n", writeRange(Exports.Format.JSON, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 3)));
    }

    @Test
    void focus_hasOneHeader_andRowsWhoseBilledCostAddsUpToTheCalls() throws IOException {
        String[] lines = write(Exports.Format.FOCUS).split("\r\n");

        assertEquals(String.join(",", FocusRow.COLUMNS), lines[0]);
        int billed = FocusRow.COLUMNS.indexOf("BilledCost");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i < lines.length; i++) {
            assertTrue(!lines[i].startsWith("BilledCost"), "no second header");
            total = total.add(new BigDecimal(csvField(lines[i], billed)));
        }
        assertEquals(0, new BigDecimal("3.75").compareTo(total));
    }

    private static String write(Exports.Format format) throws IOException {
        return writeRange(format, FROM, TO);
    }

    private static String writeRange(Exports.Format format, LocalDate from, LocalDate to) throws IOException {
        StringWriter out = new StringWriter();
        exports.write(format, from, to, out);
        return out.toString();
    }

    /** Field {@code index} of a CSV line whose quoted fields hold no line breaks. */
    private static String csvField(String line, int index) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.get(index);
    }
}
