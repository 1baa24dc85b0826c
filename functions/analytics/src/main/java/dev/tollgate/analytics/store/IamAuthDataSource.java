package dev.tollgate.analytics.store;

import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens PostgreSQL connections with a fresh IAM token as the password (TLS required), so the pool
 * never holds a password and a token is never older than its 15 minutes when it is used.
 */
final class IamAuthDataSource implements DataSource {
    private final String url;
    private final String user;
    private final IamAuthTokens tokens;
    private final String host;
    private final int port;
    private PrintWriter log;

    IamAuthDataSource(String url, String user, IamAuthTokens tokens) {
        this.url = url.contains("sslmode=") ? url : url + (url.contains("?") ? "&" : "?") + "sslmode=require";
        this.user = user;
        this.tokens = tokens;
        URI parsed = URI.create(url.substring("jdbc:".length()));
        this.host = parsed.getHost();
        this.port = parsed.getPort() < 0 ? 5432 : parsed.getPort();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, null);
    }

    @Override
    public Connection getConnection(String username, String ignoredPassword) throws SQLException {
        Properties p = new Properties();
        String name = username == null ? user : username;
        p.setProperty("user", name);
        p.setProperty("password", tokens.token(host, port, name));
        return DriverManager.getConnection(url, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return log;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.log = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
