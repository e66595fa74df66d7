package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.FreePort;

/**
 * Regression: while the database did not answer, every caller waited the pool's whole wait before
 * its failure, so each web request needing the database held a server thread that long. A real
 * pool and driver against a port nobody listens on (an H2 server started there later stands for
 * the database coming back); the pool waits 2 s here instead of 15.
 */
class ConnectionGateTest {
    private final int port = FreePort.any();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private HikariDataSource pool;
    private Server server;

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private ConnectionGate gate(int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:gate;DB_CLOSE_DELAY=-1");
        hc.setMaximumPoolSize(poolSize);
        hc.setConnectionTimeout(2_000);
        hc.setInitializationFailTimeout(-1); // starts without the database, as a pool whose database went away
        pool = new HikariDataSource(hc);
        return new ConnectionGate(pool);
    }

    private static Callable<Connection> connecting(ConnectionGate gate) {
        return gate::getConnection;
    }

    private int waitingInThePool() {
        return pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    @Test
    void whileTheDatabaseIsAwayOneCallerWaitsForItAndTheOthersAreToldAtOnce() throws Exception {
        ConnectionGate gate = gate(4);
        assertThatThrownBy(gate::getConnection).as("the first caller waits the pool's wait")
                .isInstanceOf(SQLTransientConnectionException.class).hasMessageContaining("request timed out")
                .satisfies(e -> assertThat(new StoreException((SQLException) e).turnedAway()).as("the outage is news").isFalse());

        Future<Connection> waiter = callers.submit(connecting(gate));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInThePool() == 1);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(gate::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageStartingWith("the database does not answer (")
                    .hasMessageContaining("Connection refused")
                    .satisfies(e -> assertThat(StoreException.connectionLost(e)).as("a 503 for the web, an outage for the log").isTrue())
                    .satisfies(e -> assertThat(new StoreException((SQLException) e).turnedAway()).as("old news: no warning per request").isTrue());
        }
        assertThat(waitingInThePool()).as("callers waiting in the pool").isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(waiter::isDone);
    }

    @Test
    void theFirstConnectionAfterTheDatabaseIsBackOpensTheGateForEveryone() throws Exception {
        ConnectionGate gate = gate(4);
        assertThatThrownBy(gate::getConnection).isInstanceOf(SQLTransientConnectionException.class);

        server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            gate.getConnection().close();
            return true;
        });
        try (Connection held = gate.getConnection();
                Connection beside = callers.submit(connecting(gate)).get()) {
            assertThat(held.isValid(1)).isTrue();
            assertThat(beside.isValid(1)).as("a second caller beside the first is no longer turned away").isTrue();
        }
    }

    @Test
    void aPoolThatIsMerelyBusyKeepsEveryCallerWaitingForItsTurn() throws Exception {
        server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        ConnectionGate gate = gate(1);
        try (Connection busy = gate.getConnection()) {
            assertThatThrownBy(gate::getConnection).as("no connection free within the wait")
                    .isInstanceOf(SQLTransientConnectionException.class).hasMessageContaining("request timed out");
            Future<Connection> first = callers.submit(connecting(gate));
            Future<Connection> second = callers.submit(connecting(gate));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingInThePool() == 2);
            assertThat(first.isDone() || second.isDone()).as("neither was turned away").isFalse();
        }
    }
}
