package org.rundbrief.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own on a private port, through {@code .ci/test-postgres}: for
 * the tests that stop and start the database under a running server, which the shared test
 * database must never see.
 */
public final class OwnPostgres {
    private final int port;

    public OwnPostgres(int port) {
        this.port = port;
    }

    /** Starts a fresh cluster; its JDBC URL. */
    public String start() throws Exception {
        return run("start").trim();
    }

    /** Stops the cluster and deletes its folder. */
    public void stop() throws Exception {
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
