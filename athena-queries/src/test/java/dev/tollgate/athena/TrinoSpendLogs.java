package dev.tollgate.athena;

import static io.trino.testing.TestingSession.testSessionBuilder;

import dev.tollgate.gateway.spendlog.SpendLogColumns;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.airlift.log.Level;
import io.airlift.log.Logging;
import io.trino.Session;
import io.trino.plugin.hive.HivePlugin;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.QueryRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data set written by the real batch writer into a bucket-like directory, and an embedded Trino
 * (coordinator only) whose Hive catalog reads it through a table created from {@link TrinoDdl}.
 */
final class TrinoSpendLogs implements AutoCloseable {
    static final String SCHEMA = "tollgate";

    final List<SpendLogRecord> records;
    final int objects;
    private final QueryRunner runner;
    private final Session session;

    private TrinoSpendLogs(List<SpendLogRecord> records, int objects, QueryRunner runner, Session session) {
        this.records = records;
        this.objects = objects;
        this.runner = runner;
        this.session = session;
    }

    static TrinoSpendLogs start(Path work) throws Exception {
        deleteRecursively(work);
        Path bucket = work.resolve("bucket");
        List<SpendLogRecord> records = SpendLogDataSet.generate(20250501L);
        int objects = LocalS3Layout.write(records, bucket);

        quietLogging();
        Session session =
                testSessionBuilder().setCatalog("hive").setSchema(SCHEMA).build();
        QueryRunner runner =
                DistributedQueryRunner.builder(session).setWorkerCount(0).build();
        try {
            runner.installPlugin(new HivePlugin());
            runner.createCatalog(
                    "hive",
                    "hive",
                    Map.of(
                            "hive.metastore", "file",
                            "hive.metastore.catalog.dir", "local:///metastore",
                            "fs.native-local.enabled", "true",
                            "local.location", work.toAbsolutePath().toString(),
                            "hive.ignore-absent-partitions", "true",
                            // Projected partitions have no metastore entry, so no statistics (Athena keeps none
                            // either).
                            "hive.table-statistics-enabled", "false"));
            runner.execute("CREATE SCHEMA hive." + SCHEMA);
            runner.execute(TrinoDdl.createTable(
                    "hive." + SCHEMA + "." + SpendLogColumns.TABLE, "local:///bucket/" + SpendLogColumns.PREFIX));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        return new TrinoSpendLogs(records, objects, runner, session);
    }

    /** Runs {@code sql} as a prepared statement with positional {@code parameters}, like Athena's EXECUTE … USING. */
    MaterializedResult execute(String sql, List<Object> parameters) {
        Session prepared =
                Session.builder(session).addPreparedStatement("report", sql).build();
        String using = parameters.isEmpty()
                ? ""
                : " USING " + parameters.stream().map(TrinoSpendLogs::literal).collect(Collectors.joining(", "));
        return runner.execute(prepared, "EXECUTE report" + using);
    }

    /** Runs a plain statement. */
    MaterializedResult execute(String sql) {
        return runner.execute(session, sql);
    }

    @Override
    public void close() {
        runner.close();
    }

    /** Trino logs every start-up step at INFO; keep the build output to what matters. */
    private static void quietLogging() {
        Logging logging = Logging.initialize();
        for (String logger : new String[] {"io.trino", "io.airlift", "org.eclipse.jetty", "Bootstrap"}) {
            logging.setLevel(logger, Level.WARN);
        }
    }

    private static String literal(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
