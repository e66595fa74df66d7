package org.rundbrief.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, through {@code .ci/test-postgres}: for the tests that stop
 * and start the database under a running server, which the shared test database must never see.
 * Its port is one that was free when it was made, not a fixed one: {@code start} on a port whose
 * cluster is running (another test's, a developer's) would delete that cluster's folder.
 */
public final class OwnPostgres implements AutoCloseable {
    private final int port;

    /** Skips the test (a JUnit assumption) in a run without PostgreSQL: then its binaries may be missing. */
    public OwnPostgres() {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL binaries, as " + TestDatabase.ENV + " says");
        this.port = FreePort.any();
    }

    /** Starts a fresh cluster; its JDBC URL. */
    public String start() throws Exception {
        return run("start").trim();
    }

    /** Stops the cluster and deletes its folder. */
    @Override
    public void close() throws Exception {
        run("stop");
    }

    /** Stops the server now, keeps it down {@code downSeconds}, starts it again; the process doing it. */
    public Process restart(int downSeconds) throws Exception {
        return process("restart", String.valueOf(downSeconds));
    }

    private String run(String verb) throws Exception {
        Process p = process(verb);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(".ci/test-postgres " + verb + ": " + out).isZero();
        return out;
    }

    private Process process(String verb, String... more) throws Exception {
        String[] command = new String[3 + more.length];
        command[0] = ".ci/test-postgres";
        command[1] = verb;
        command[2] = String.valueOf(port);
        System.arraycopy(more, 0, command, 3, more.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
