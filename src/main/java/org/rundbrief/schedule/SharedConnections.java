package org.rundbrief.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz connections from the application's pool, so the job store lives in the same
 * database without a second pool. The pool belongs to the application: Quartz never closes it.
 */
final class SharedConnections implements ConnectionProvider {
    private final DataSource dataSource;

    SharedConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the application closes its pool after the scheduler has stopped
    }

    @Override
    public void initialize() {
        // the pool is already open
    }
}
