package dev.tollgate.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The control plane's PostgreSQL, in-process from Maven artifacts (zonky's embedded binaries, no
 * Docker): data under a directory that survives restarts (so {@code --fresh} wipes it with the rest),
 * or a throwaway one in tests.
 */
final class LocalPostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path dir) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (dir != null) {
            Files.createDirectories(dir);
            builder.setDataDirectory(dir.toAbsolutePath()).setCleanDataDirectory(false);
        }
        return new LocalPostgres(builder.start());
    }

    /** Micronaut properties of the default datasource on this server. */
    Map<String, Object> datasourceProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.password", "postgres");
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("datasources.default.dialect", "POSTGRES");
        p.put("datasources.default.maximum-pool-size", 4);
        return p;
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
