package org.rundbrief.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the rest of rundbrief asks it for connections. While the database does not answer
 * (the pool's last wait ended without a connection because connecting failed), one caller at a time
 * waits the pool's wait for it and every other caller is told at once. Without it each web request
 * that needs the database held a server thread for the whole wait (15 s) before its 503, and a few
 * busy clients took every thread from the pages that are served without the database. The first
 * caller that gets a connection again opens the gate for all.
 */
final class ConnectionGate implements DataSource {
    private final DataSource pool;
    /** Held by the one caller that waits for the database while it is away. */
    private final Semaphore waiting = new Semaphore(1);
    /** Why the last wait failed, while the database is away; null while it answers. */
    private volatile SQLException away;

    ConnectionGate(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SQLException lastFailure = away;
        if (lastFailure == null) {
            return connect();
        }
        if (!waiting.tryAcquire()) {
            throw new TurnedAway(lastFailure);
        }
        try {
            return connect();
        } finally {
            waiting.release();
        }
    }

    private Connection connect() throws SQLException {
        try {
            Connection c = pool.getConnection();
            away = null;
            return c;
        } catch (SQLException e) {
            if (e instanceof SQLTransientConnectionException && e.getCause() != null && StoreException.connectionLost(e.getCause())) {
                away = e;
            }
            throw e;
        }
    }

    /** A caller told at once that the database is away, while another waits for it. */
    static final class TurnedAway extends SQLTransientConnectionException {
        private TurnedAway(SQLException lastFailure) {
            super("the database does not answer (" + lastFailure.getCause().getMessage() + ")", lastFailure.getSQLState(), lastFailure);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all use database.user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
