package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rundbrief.e2e.ServeProcesses.awaitUp;
import static org.rundbrief.e2e.ServeProcesses.confirmedMembersAndOneNewArticle;
import static org.rundbrief.e2e.ServeProcesses.freePort;
import static org.rundbrief.e2e.ServeProcesses.get;
import static org.rundbrief.e2e.ServeProcesses.messagesPerRecipient;
import static org.rundbrief.e2e.ServeProcesses.post;
import static org.rundbrief.e2e.ServeProcesses.serve;

import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.OwnPostgres;
import org.rundbrief.testing.TestDatabase;

/**
 * PostgreSQL restarted under a {@code serve} that is sending a daily edition: {@code /health} says
 * the database is down while it is, the process stays up, and when the database is back the edition
 * is finished with everyone reached, at most one message per connection twice (a message that went
 * out while its sent mark could not be written). The test starts a cluster of its own with
 * {@code .ci/test-postgres}, so that restarting it disturbs no other test.
 */
class PostgresRestartIT {
    private static final OwnPostgres POSTGRES = new OwnPostgres();
    static final int SUBSCRIBERS = 600;
    static final int CONNECTIONS = 2;
    static final String TOKEN = "restart-test-admin-token";

    @TempDir
    Path dir;

    @Test
    void aDatabaseRestartMidEditionLosesNoMemberAndKeepsServeRunning() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL binaries, as " + TestDatabase.ENV + " says");
        GreenMail smtp = Fixtures.smtp();
        Process node = null;
        try {
            String url = POSTGRES.start();
            Path articles = Files.createDirectories(dir.resolve("articles"));
            int httpPort = freePort();
            Path config = Files.writeString(dir.resolve("rundbrief.yml"), """
                    site: { title: "Verein", baseUrl: "https://news.example.org" }
                    database: { url: "%s" }
                    http: { port: %d }
                    security: { adminToken: "%s" }
                    smtp: { host: 127.0.0.1, port: %d, from: "Verein <news@example.org>", connections: %d, ratePerSecond: 40 }
                    schedule: { collect: "0 0 0 1 1 ? 2099", immediate: "off", daily: "off", weekly: "off" }
                    sources: [ { type: directory, path: "%s" } ]
                    """.formatted(url, httpPort, TOKEN, smtp.getSmtp().getPort(), CONNECTIONS, articles));
            confirmedMembersAndOneNewArticle(dir, config, articles, SUBSCRIBERS);

            Path log = dir.resolve("serve.log");
            Process serving = serve(config, log);
            node = serving;
            awaitUp(serving, httpPort, log);
            HttpResponse<String> run = post(httpPort, "/api/jobs/send-daily/run", TOKEN);
            assertThat(run.statusCode()).as(run.body()).isLessThan(300);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> smtp.getReceivedMessages().length >= SUBSCRIBERS / 4);

            // 20 s down: longer than the pool waits for a connection (15 s)
            Process restart = POSTGRES.restart(20);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> get(httpPort, "/health").body().contains("\"database\":\"down"));
            assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restart.exitValue()).as("restart of PostgreSQL").isZero();
            assertThat(smtp.getReceivedMessages().length).as("restarted in the middle").isLessThan(SUBSCRIBERS);

            awaitUp(serving, httpPort, log);
            try {
                await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(1))
                        .failFast(() -> !serving.isAlive())
                        .until(() -> messagesPerRecipient(smtp).size() == SUBSCRIBERS);
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError(messagesPerRecipient(smtp).size() + " of " + SUBSCRIBERS
                        + " reached; serve's log:\n" + Files.readString(log), e);
            }
            Map<String, Long> perRecipient = messagesPerRecipient(smtp);
            long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).as("at most one message per connection twice").isLessThanOrEqualTo(CONNECTIONS);
            assertThat(serving.isAlive()).as("serve still running; its log:\n" + Files.readString(log)).isTrue();
            assertThat(get(httpPort, "/health").statusCode()).isEqualTo(200);
        } finally {
            if (node != null) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
            smtp.stop();
            POSTGRES.stop();
        }
    }
}
