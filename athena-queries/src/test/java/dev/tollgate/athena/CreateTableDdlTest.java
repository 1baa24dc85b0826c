package dev.tollgate.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.spendlog.SpendLogAthenaDdl;
import dev.tollgate.gateway.spendlog.SpendLogColumns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The checked-in Athena DDL is exactly what {@link SpendLogAthenaDdl} generates from
 * {@link SpendLogColumns}, so the table Athena sees cannot drift from the JSON the shipper writes.
 * After changing the columns, regenerate it: {@code ./mvnw -pl athena-queries -am verify
 * -Dtest=CreateTableDdlTest -Dsurefire.failIfNoSpecifiedTests=false -Dtollgate.regenerate-ddl=true}.
 */
class CreateTableDdlTest {

    @Test
    void checkedInDdl_isWhatSpendLogColumnsGenerates() throws Exception {
        String generated = SpendLogAthenaDdl.createTable();
        if (Boolean.getBoolean("tollgate.regenerate-ddl")) {
            Files.writeString(QueryFiles.dir().resolve(QueryFiles.DDL), generated, StandardCharsets.UTF_8);
        }
        assertEquals(
                generated,
                QueryFiles.read(QueryFiles.DDL),
                QueryFiles.DDL
                        + " differs from SpendLogAthenaDdl.createTable(): regenerate it (see this test's comment)");
    }

    @Test
    void ddl_declaresEveryColumnTheOpenXSerDeAndPartitionProjection() {
        String ddl = QueryFiles.read(QueryFiles.DDL);
        for (SpendLogColumns.Column c : SpendLogColumns.COLUMNS) {
            assertTrue(ddl.contains("`" + c.name() + "` " + c.hiveType() + " "), c.name());
        }
        assertTrue(ddl.contains("PARTITIONED BY (\n  `dt` string"), ddl);
        assertTrue(ddl.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'"), ddl);
        assertTrue(ddl.contains("'projection.enabled'='true'"), ddl);
        assertTrue(ddl.contains("'storage.location.template'='s3://${bucket}/spend-logs/dt=${dt}/hour=${hour}/'"), ddl);
    }
}
