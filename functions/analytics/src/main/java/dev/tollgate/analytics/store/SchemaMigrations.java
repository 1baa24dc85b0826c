package dev.tollgate.analytics.store;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date ({@code db/migration/V*.sql}, Flyway) when the application starts,
 * before anything reads or writes it. Idempotent: an up-to-date schema is left alone.
 */
@Context
@Requires(beans = DataSource.class)
public class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    private final int applied;

    public SchemaMigrations(DataSource dataSource) {
        this.applied = migrate(dataSource);
    }

    /**
     * Migrates {@code dataSource} (the pool itself, not Micronaut's transaction-bound view of it, which
     * has no connection outside a transaction); returns how many migrations ran.
     */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("control-plane schema migrated to version {}", result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }

    /** How many migrations this start ran. */
    public int applied() {
        return applied;
    }
}
