package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.rundbrief.e2e.ServeProcesses.start;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.TestDatabase;

/**
 * The H2 file of an installation used by several processes. rundbrief opens it in H2's server
 * mode (AUTO_SERVER), so a command beside a running {@code serve} works, and so does one after a
 * {@code serve} killed with {@code kill -9} left its lock file behind. A program that holds the
 * file alone (an H2 shell opened without AUTO_SERVER) stops every rundbrief command and
 * {@code serve} with exit 1 and a message naming the file and what to do, no stack trace.
 */
class H2FileHeldIT {
    @TempDir
    Path dir;

    @Test
    void aFileHeldByAnotherProgramIsNamedAndServerModeSharesItOtherwise() throws Exception {
        assumeFalse(TestDatabase.postgres(), "H2 only: the PostgreSQL run has nothing to add");
        Path base = dir.resolve("data").resolve("rundbrief");
        try (ServeNodes nodes = new ServeNodes(dir, ServeNodes.database("jdbc:h2:file:" + base), "", ServeNodes.NO_CRON)) {
            ServeNodes.Node serving = nodes.node("serve");
            String config = serving.config.toString();
            assertThat(run("created", "subscribers", "add", "anna@example.org", "--consent-note", "test",
                    "--config", config)).isZero();

            Process shell = h2Shell(base);
            try {
                String file = base.toAbsolutePath().normalize() + ".mv.db";
                assertThat(run("beside-the-shell", "subscribers", "list", "--config", config)).isEqualTo(1);
                String said = Files.readString(dir.resolve("beside-the-shell.log"));
                assertThat(said).contains("the database file " + file + " is held by another program")
                        .contains(";AUTO_SERVER=TRUE").doesNotContain("Exception").doesNotContain("\tat ");

                Process refused = nodes.start(dir.resolve("serve-refused.log"), "serve", "--config", config);
                assertThat(refused.waitFor(90, TimeUnit.SECONDS)).as("serve gives up").isTrue();
                assertThat(refused.exitValue()).isEqualTo(1);
                assertThat(Files.readString(dir.resolve("serve-refused.log"))).contains("the database file " + file)
                        .doesNotContain("Exception").doesNotContain("\tat ");
            } finally {
                shell.destroyForcibly();
                shell.waitFor(10, TimeUnit.SECONDS);
            }

            nodes.up(serving);
            assertThat(run("beside-serve", "subscribers", "list", "--config", config)).isZero();
            assertThat(Files.readString(dir.resolve("beside-serve.log"))).contains("anna@example.org");
            serving.kill(); // kill -9: the lock file stays behind
            assertThat(base.resolveSibling("rundbrief.lock.db")).as("the killed serve's lock file").exists();
            assertThat(run("after-kill", "subscribers", "list", "--config", config)).isZero();
            assertThat(Files.readString(dir.resolve("after-kill.log"))).contains("anna@example.org");
        }
    }

    /** {@code rundbrief ARGS} as a process of its own, its output in {@code NAME.log}; its exit code. */
    private int run(String name, String... args) throws Exception {
        Process p = start(dir.resolve(name + ".log"), args);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(name + " ends").isTrue();
        return p.exitValue();
    }

    /** H2's own shell on the file, without AUTO_SERVER: it holds the file alone until it ends. */
    private Process h2Shell(Path base) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path log = dir.resolve("h2-shell.log");
        Process shell = new ProcessBuilder(java, "-cp", h2, "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + base,
                "-user", "sa", "-password", "").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OutputStream in = shell.getOutputStream();
        in.write("SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
        in.flush(); // stdin stays open: the shell waits for the next statement, the file held
        await().atMost(Duration.ofSeconds(30)).failFast(() -> !shell.isAlive())
                .until(() -> Files.readString(log).contains("(1 row"));
        return shell;
    }
}
