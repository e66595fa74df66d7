package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * PostgreSQL stopped under a running {@code serve}: {@code /health} answers 503 within a bound
 * (not after the pool's 15 s connection timeout), saying the database is unreachable, on every
 * call while it is down, and 200 again when it is back. A page that needs the database answers
 * 503 with Retry-After and says so in words, logged as one line (it was a 500 "Internal error").
 * The test starts a cluster of its own with {@code .ci/test-postgres}, so that stopping it disturbs
 * no other test.
 */
class HealthWhileDatabaseDownIT {
    /** HealthRoutes answers within 2 s; the rest is HTTP and a busy machine. */
    static final Duration BOUND = Duration.ofMillis(3500);

    @TempDir
    Path dir;

    @Test
    void healthAnswersDownWithinTheBoundWhileTheDatabaseIsStoppedAndUpWhenItIsBack() throws Exception {
        try (OwnPostgres postgres = new OwnPostgres();
             ServeNodes nodes = new ServeNodes(dir, ServeNodes.database(postgres.start()), "", ServeNodes.NO_CRON)) {
            ServeNodes.Node node = nodes.node("serve");
            nodes.up(node);
            long upMillis = timed(node).millis;
            assertThat(upMillis).as("the normal answer").isLessThan(BOUND.toMillis());

            // down 40 s: longer than the pool waits (15 s), and long enough for a page's request after /health's
            Process restart = postgres.restart(40);
            List<Timed> whileDown = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Timed t = timed(node);
                        whileDown.add(t);
                        return t.status == 503;
                    });
            for (int i = 0; i < 3; i++) { // asked again and again while it is down: each answer as quick
                whileDown.add(timed(node));
            }
            assertThat(restart.isAlive()).as("still down while asked").isTrue();
            for (Timed t : whileDown.subList(whileDown.size() - 4, whileDown.size())) {
                assertThat(t.status).as(t.body).isEqualTo(503);
                assertThat(t.body).contains("\"database\":\"down: unreachable");
            }
            assertThat(whileDown).as("every answer while down").allSatisfy(t -> assertThat(t.millis).isLessThan(BOUND.toMillis()));
            System.out.println("/health while the database was down: " + whileDown.stream().map(t -> t.status + " in "
                    + t.millis + " ms").toList());

            HttpResponse<String> page = node.get("/subscribe"); // a page that needs the database
            assertThat(restart.isAlive()).as("still down while asked").isTrue();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<h1>Gerade nicht erreichbar</h1>",
                    "Bitte versuchen Sie es in ein paar Minuten noch einmal.", "Please try again in a few minutes.");
            assertThat(Files.readString(node.log)).contains("GET /subscribe: 503, the database is away")
                    .doesNotContain("GET /subscribe failed");

            assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restart.exitValue()).as("restart of PostgreSQL").isZero();
            node.awaitUp();
        }
    }

    private record Timed(int status, String body, long millis) {}

    private static Timed timed(ServeNodes.Node node) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = node.get("/health");
        return new Timed(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000);
    }
}
