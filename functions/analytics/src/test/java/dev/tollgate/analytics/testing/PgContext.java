package dev.tollgate.analytics.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Micronaut {@link ApplicationContext} on a fresh database of the {@link EmbeddedPg} server, with the beans the
 * tests fetch from it.
 *
 * <p>As a JUnit extension its lifetime follows the field it is registered in, as Testcontainers' containers do: a
 * {@code static} field ({@code @RegisterExtension static final PgContext PG = new PgContext();}) starts one context
 * and database for the class, before its {@code @BeforeAll} methods, and closes it after its {@code @AfterAll}
 * methods; an instance field starts one per test, before its {@code @BeforeEach} methods, and closes it after its
 * {@code @AfterEach} methods. Outside JUnit's lifecycle, {@link #start()} one in a try-with-resources.
 */
public final class PgContext
        implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Map<String, Object> properties;
    private ApplicationContext context;
    private boolean perClass;

    /** A context on a new database, with the datasource properties only. */
    public PgContext() {
        this(Map.of());
    }

    /** A context on a new database, with {@code properties} besides the datasource's. */
    public PgContext(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /** A context started now on a new database, for a try-with-resources. */
    public static PgContext start() {
        return start(Map.of());
    }

    /** A context started now on a new database, with {@code properties} besides the datasource's. */
    public static PgContext start(Map<String, Object> properties) {
        PgContext pg = new PgContext(properties);
        pg.open();
        return pg;
    }

    public ApplicationContext context() {
        if (context == null) {
            throw new IllegalStateException("no context: register the PgContext with @RegisterExtension, or start()");
        }
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    @SuppressWarnings("unchecked")
    public TransactionOperations<Connection> tx() {
        return bean(TransactionOperations.class);
    }

    public JdbcOperations jdbc() {
        return bean(JdbcOperations.class);
    }

    /** Empties {@code tables} (a comma-separated list) in one write transaction. */
    public void truncate(String tables) {
        JdbcOperations jdbc = jdbc();
        tx().executeWrite(s -> jdbc.prepareStatement("TRUNCATE " + tables, PreparedStatement::executeUpdate));
    }

    @Override
    public void beforeAll(ExtensionContext junit) {
        perClass = true;
        open();
    }

    @Override
    public void afterAll(ExtensionContext junit) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext junit) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext junit) {
        if (!perClass) {
            close();
        }
    }

    private void open() {
        if (context != null) {
            throw new IllegalStateException("already started");
        }
        Map<String, Object> all = new HashMap<>(EmbeddedPg.datasourceProperties());
        all.putAll(properties);
        context = ApplicationContext.run(all);
    }

    @Override
    public void close() {
        if (context != null) {
            ApplicationContext started = context;
            context = null;
            started.close();
        }
    }
}
