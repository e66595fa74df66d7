package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.FreePort;

class JdbcTest {
    private enum Cadence { IMMEDIATE, DAILY }

    /** Regression: enums were bound with toLowerCase() in the default locale; Turkish wrote "ımmedıate". */
    @Test
    void anEnumIsStoredInLowerCaseWhateverTheDefaultLocale() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jdbc-locale;DB_CLOSE_DELAY=-1");
        Jdbc jdbc = new Jdbc(ds);
        jdbc.execute("CREATE TABLE t (cadence VARCHAR(20))");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            jdbc.update("INSERT INTO t VALUES (?)", Cadence.IMMEDIATE);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(jdbc.count("SELECT COUNT(*) FROM t WHERE cadence = 'immediate'")).isEqualTo(1);
    }

    /**
     * Regression: when the rollback after a failure failed too (the database had gone: a restart),
     * its "Connection is closed" was thrown instead of the failure, and an import that lost its
     * database ended in "rundbrief: failed: store: Connection is closed".
     */
    @Test
    void aFailureIsKeptWhenTheRollbackAfterItFailsToo() throws Exception {
        int port = FreePort.any();
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        try {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:jdbc-rollback;DB_CLOSE_DELAY=-1");
            Jdbc jdbc = new Jdbc(ds);
            jdbc.execute("CREATE TABLE t (n INT)");

            assertThatThrownBy(() -> jdbc.inTransaction(() -> {
                jdbc.update("INSERT INTO t VALUES (1)");
                server.stop();
                throw new SQLException("terminating connection due to administrator command", "57P01");
            })).isInstanceOf(StoreException.class)
                    .hasMessage("store: terminating connection due to administrator command")
                    .satisfies(e -> assertThat(((StoreException) e).connectionLost()).isTrue())
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).as("the failed rollback").hasSize(1));
        } finally {
            server.stop();
        }
    }
}
