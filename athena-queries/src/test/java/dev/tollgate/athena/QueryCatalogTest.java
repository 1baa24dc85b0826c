package dev.tollgate.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The query files themselves: each has a test, says what it answers and prunes by date. */
class QueryCatalogTest {
    private static final Pattern DT_RANGE = Pattern.compile("(?is)\\bWHERE\\s+dt\\s+BETWEEN\\b");

    @Test
    void everyQueryFile_hasAnExpectation_andEveryExpectationAFile() {
        // A query file without a test fails the build here.
        assertEquals(
                new TreeSet<>(QueryFiles.reports()),
                new TreeSet<>(Expectations.all().keySet()));
        assertTrue(QueryFiles.reports().size() >= 15, "report queries: " + QueryFiles.reports());
    }

    @Test
    void everyReportQuery_opensWithAHeaderSayingWhatItAnswersAndHowToRunIt() {
        for (String name : QueryFiles.reports()) {
            String text = QueryFiles.read(name);
            String statementName = name.substring(0, name.length() - ".sql".length());
            assertTrue(text.startsWith("-- "), name + " starts with a comment");
            assertTrue(text.contains("-- Parameters"), name + " lists its parameters");
            assertTrue(text.contains("EXECUTE " + statementName + " USING"), name + " shows its EXECUTE … USING");
        }
    }

    @Test
    void everyReportQuery_filtersTheDtPartitionByRange() {
        // Athena with partition projection reads only the days named in the predicate; without one it
        // would list every projected day since 2025-01-01.
        for (String name : QueryFiles.reports()) {
            assertTrue(DT_RANGE.matcher(QueryFiles.withoutComments(name)).find(), name + " has WHERE dt BETWEEN …");
        }
    }

    @Test
    void everyReportQuery_takesAsManyParametersAsItsExpectationPasses() {
        for (String name : QueryFiles.reports()) {
            long placeholders = QueryFiles.withoutComments(name)
                    .chars()
                    .filter(c -> c == '?')
                    .count();
            List<Object> parameters = Expectations.all().get(name).parameters();
            assertEquals(parameters.size(), placeholders, name);
        }
    }
}
