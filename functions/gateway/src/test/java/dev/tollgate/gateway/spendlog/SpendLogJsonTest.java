package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendLogJsonTest {
    private final SpendLogJson json = new SpendLogJson();

    @Test
    void write_thenRead_givesAnEqualRecord() {
        SpendLogRecord record = SpendLogSamples.everyField("req-1", SpendLogSamples.T0);

        SpendLogRecord back = json.read(json.write(record));

        assertEquals(record, back);
    }

    @Test
    void write_everyField_namesExactlyTheColumnsInOrder() throws Exception {
        // GIVEN a record with every field set WHEN written THEN its keys are the table's columns:
        // a field the DDL lacks would be invisible to Athena, a column the JSON lacks always null.
        JsonNode node =
                new ObjectMapper().readTree(json.write(SpendLogSamples.everyField("req-1", SpendLogSamples.T0)));
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);

        assertEquals(SpendLogColumns.names(), keys);
    }

    @Test
    void write_isOneLineWithSnakeCaseNamesPlainMoneyAndMillisecondTimes() {
        SpendLogRecord record = SpendLogSamples.chat("req-1", SpendLogSamples.T0).toBuilder()
                .cost(new BigDecimal("1.5E-7"))
                .errorMessage("line one\nline two")
                .build();

        String line = json.write(record);

        assertFalse(line.contains("\n"));
        assertTrue(line.contains("\"schema_version\":1"), line);
        assertTrue(line.contains("\"cost\":0.00000015"), line);
        assertTrue(line.contains("\"start_time\":\"2025-05-01T12:59:59.250Z\""), line);
        assertTrue(line.contains("\"first_token_time\":\"2025-05-01T12:59:59.370Z\""), line);
        assertTrue(line.contains("\"time_to_first_token_ms\":120"), line);
        assertTrue(line.contains("\"tags\":[\"prod\",\"search\"]"), line);
        assertTrue(line.contains("\"metadata\":{\"feature\":\"autocomplete\",\"session\":\"s-1\"}"), line);
        assertFalse(line.contains("error_type"), "nulls are left out: " + line);
    }

    @Test
    void read_unknownField_isIgnored() {
        String line = json.write(SpendLogSamples.chat("req-1", SpendLogSamples.T0));
        String newer = "{\"added_in_v2\":{\"x\":1}," + line.substring(1);

        assertEquals("req-1", json.read(newer).requestId());
    }

    @Test
    void read_notJson_throwsFormatException() {
        assertThrows(SpendLogFormatException.class, () -> json.read("{\"request_id\":"));
        assertThrows(SpendLogFormatException.class, () -> json.read(""));
        assertThrows(SpendLogFormatException.class, () -> json.read(null));
        assertThrows(SpendLogFormatException.class, () -> json.read("[1,2]"));
    }

    @Test
    void read_missingRequiredField_throwsFormatException() {
        String line =
                json.write(SpendLogSamples.chat("req-1", SpendLogSamples.T0)).replace("\"request_id\":\"req-1\",", "");

        SpendLogFormatException e = assertThrows(SpendLogFormatException.class, () -> json.read(line));
        assertTrue(e.getMessage().contains("request_id"), e.getMessage());
    }

    @Test
    void read_badTime_throwsFormatException() {
        String line = json.write(SpendLogSamples.chat("req-1", SpendLogSamples.T0))
                .replace("2025-05-01T12:59:59.250Z", "yesterday");

        assertThrows(SpendLogFormatException.class, () -> json.read(line));
    }
}
