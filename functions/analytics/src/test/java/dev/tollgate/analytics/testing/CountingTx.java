package dev.tollgate.analytics.testing;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The same transactions as {@code tx}, counting the SQL statements run through them: a store built on it shows
 * how many round trips one of its calls makes (an N+1 read shows as N+1 statements).
 */
public final class CountingTx implements TransactionOperations<Connection> {
    private final TransactionOperations<Connection> tx;
    private final List<String> statements = new CopyOnWriteArrayList<>();

    public CountingTx(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** The SQL of every statement prepared or executed since the last {@link #reset()}, in order. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    public void reset() {
        statements.clear();
    }

    @Override
    public Connection getConnection() {
        return counting(tx.getConnection());
    }

    @Override
    public boolean hasConnection() {
        return tx.hasConnection();
    }

    @Override
    public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
        return tx.findTransactionStatus();
    }

    @Override
    public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
        return tx.execute(definition, status -> callback.call(counting(status)));
    }

    @SuppressWarnings("unchecked")
    private TransactionStatus<Connection> counting(TransactionStatus<Connection> status) {
        return (TransactionStatus<Connection>) proxy(TransactionStatus.class, status, (p, m, a) -> {
            if (m.getName().equals("getConnection") && m.getParameterCount() == 0) {
                return counting(status.getConnection());
            }
            return invoke(m, status, a);
        });
    }

    private Connection counting(Connection c) {
        return (Connection) proxy(Connection.class, c, (p, m, a) -> {
            if (m.getName().startsWith("prepare") && a != null && a.length > 0 && a[0] instanceof String sql) {
                statements.add(sql);
            }
            Object result = invoke(m, c, a);
            if (m.getName().equals("createStatement")) {
                Statement s = (Statement) result;
                return proxy(Statement.class, s, (sp, sm, sa) -> {
                    if (sm.getName().startsWith("execute")
                            && sa != null
                            && sa.length > 0
                            && sa[0] instanceof String sql) {
                        statements.add(sql);
                    }
                    return invoke(sm, s, sa);
                });
            }
            return result;
        });
    }

    private static Object proxy(Class<?> type, Object target, InvocationHandler handler) {
        return Proxy.newProxyInstance(CountingTx.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
