package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rundbrief.e2e.ServeProcesses.awaitUp;
import static org.rundbrief.e2e.ServeProcesses.freePort;
import static org.rundbrief.e2e.ServeProcesses.get;
import static org.rundbrief.e2e.ServeProcesses.serve;

import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.OwnPostgres;
import org.rundbrief.testing.TestDatabase;

/**
 * PostgreSQL stopped under a running {@code serve}: {@code /health} answers 503 within a bound
 * (not after the pool's 15 s connection timeout), saying the database is unreachable, on every
 * call while it is down, and 200 again when it is back. The test starts a cluster of its own with
 * {@code .ci/test-postgres}, so that stopping it disturbs no other test.
 */
class HealthWhileDatabaseDownIT {
    private static final OwnPostgres POSTGRES = new OwnPostgres();
    /** HealthRoutes answers within 2 s; the rest is HTTP and a busy machine. */
    static final Duration BOUND = Duration.ofMillis(3500);

    @TempDir
    Path dir;

    @Test
    void healthAnswersDownWithinTheBoundWhileTheDatabaseIsStoppedAndUpWhenItIsBack() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL binaries, as " + TestDatabase.ENV + " says");
        GreenMail smtp = Fixtures.smtp();
        Process node = null;
        try {
            String url = POSTGRES.start();
            int httpPort = freePort();
            Path config = Files.writeString(dir.resolve("rundbrief.yml"), """
                    site: { title: "Verein", baseUrl: "https://news.example.org" }
                    database: { url: "%s" }
                    http: { port: %d }
                    smtp: { host: 127.0.0.1, port: %d, from: "Verein <news@example.org>" }
                    schedule: { collect: "0 0 0 1 1 ? 2099", immediate: "off", daily: "off", weekly: "off" }
                    """.formatted(url, httpPort, smtp.getSmtp().getPort()));
            Path log = dir.resolve("serve.log");
            node = serve(config, log);
            awaitUp(node, httpPort, log);
            long upMillis = timed(httpPort).millis;
            assertThat(upMillis).as("the normal answer").isLessThan(BOUND.toMillis());

            Process restart = POSTGRES.restart(25); // down 25 s, longer than the pool waits (15 s)
            List<Timed> whileDown = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Timed t = timed(httpPort);
                        whileDown.add(t);
                        return t.status == 503;
                    });
            for (int i = 0; i < 3; i++) { // asked again and again while it is down: each answer as quick
                whileDown.add(timed(httpPort));
            }
            assertThat(restart.isAlive()).as("still down while asked").isTrue();
            for (Timed t : whileDown.subList(whileDown.size() - 4, whileDown.size())) {
                assertThat(t.status).as(t.body).isEqualTo(503);
                assertThat(t.body).contains("\"database\":\"down: unreachable");
            }
            assertThat(whileDown).as("every answer while down").allSatisfy(t -> assertThat(t.millis).isLessThan(BOUND.toMillis()));
            System.out.println("/health while the database was down: " + whileDown.stream().map(t -> t.status + " in "
                    + t.millis + " ms").toList());

            assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restart.exitValue()).as("restart of PostgreSQL").isZero();
            awaitUp(node, httpPort, log);
        } finally {
            if (node != null) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
            smtp.stop();
            POSTGRES.stop();
        }
    }

    private record Timed(int status, String body, long millis) {}

    private static Timed timed(int port) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get(port, "/health");
        return new Timed(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000);
    }
}
