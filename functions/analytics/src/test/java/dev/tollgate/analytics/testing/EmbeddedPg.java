package dev.tollgate.analytics.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests (zonky's embedded binaries, no Docker), started once per JVM. Each
 * {@link #newDatabase()} is a fresh empty database in it, so test classes do not see each other's rows.
 */
public final class EmbeddedPg {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPg() {}

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** A new empty database; returns its JDBC URL (user and password {@code postgres}). */
    public static String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Micronaut properties of a datasource on a new database. */
    public static Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", newDatabase(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.maximum-pool-size", 4);
    }
}
