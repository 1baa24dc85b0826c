package dev.tollgate.athena;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.util.List;
import java.util.function.Function;

/**
 * What one query file must return: its parameters (as Athena's {@code EXECUTE … USING} would pass
 * them) and the rows computed independently in Java from the same records, in the query's order.
 */
record Expectation(List<Object> parameters, Function<List<SpendLogRecord>, List<List<Object>>> rows) {

    static final String FIRST_DAY = "2025-05-01";
    static final String LAST_DAY = "2025-06-03";
    static final List<Object> ALL = List.of(FIRST_DAY, LAST_DAY);
    static final List<Object> MAY = List.of("2025-05-01", "2025-05-31");
    static final List<Object> MONTH_TURN = List.of("2025-05-29", "2025-06-02");
    static final List<Object> TWO_DAYS = List.of("2025-05-02", "2025-05-03");
}
