package dev.tollgate.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.trino.spi.type.SqlDecimal;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import java.math.BigDecimal;
import java.util.List;

/** Compares a query's rows with expected rows: integers by value, decimals exactly, doubles to 1e-6, and {@link Cell}s. */
final class Rows {

    /** An expected value that is checked rather than compared (approximate percentiles). */
    interface Cell {
        boolean matches(Object actual);
    }

    private Rows() {}

    static void assertMatches(String query, List<List<Object>> expected, MaterializedResult actual) {
        assertFalse(
                expected.isEmpty(),
                query + ": an expectation with no rows proves nothing; pick parameters that match data");
        List<MaterializedRow> rows = actual.getMaterializedRows();
        assertEquals(
                expected.size(),
                rows.size(),
                query + ": row count; first rows " + rows.stream().limit(3).toList());
        for (int i = 0; i < expected.size(); i++) {
            List<Object> want = expected.get(i);
            List<Object> got = rows.get(i).getFields();
            assertEquals(want.size(), got.size(), query + " row " + i + ": column count of " + got);
            for (int c = 0; c < want.size(); c++) {
                if (!same(want.get(c), got.get(c))) {
                    fail(query + " row " + i + " column "
                            + actual.getColumnNames().get(c) + ": expected <" + want.get(c) + "> but was <" + got.get(c)
                            + ">\n  expected row " + want + "\n  actual row   " + got);
                }
            }
        }
    }

    static boolean same(Object want, Object got) {
        if (got instanceof SqlDecimal decimal) {
            got = decimal.toBigDecimal();
        }
        if (want instanceof Cell cell) {
            return cell.matches(got);
        }
        if (want == null || got == null) {
            return want == got;
        }
        if (want instanceof BigDecimal w && got instanceof BigDecimal g) {
            return w.compareTo(g) == 0;
        }
        if (want instanceof Double w && got instanceof Double g) {
            return Math.abs(w - g) <= 1.5e-6;
        }
        if (isIntegral(want) && isIntegral(got)) {
            return ((Number) want).longValue() == ((Number) got).longValue();
        }
        return want.equals(got);
    }

    private static boolean isIntegral(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
    }
}
