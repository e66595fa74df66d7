package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rundbrief.e2e.ServeProcesses.confirmedMembersAndOneNewArticle;
import static org.rundbrief.e2e.ServeProcesses.messagesPerRecipient;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.OwnPostgres;

/**
 * PostgreSQL restarted under a {@code serve} that is sending a daily edition: {@code /health} says
 * the database is down while it is, the process stays up, and when the database is back the edition
 * is finished with everyone reached, at most one message per connection twice (a message that went
 * out while its sent mark could not be written). Under a one-shot {@code send} the command ends with
 * a message that says the database failed and what to do, and the next send finishes the edition;
 * under an import the same, and the same import run again stores the rest.
 * The tests start a cluster of their own with {@code .ci/test-postgres}, so that restarting it
 * disturbs no other test.
 */
class PostgresRestartIT {
    static final int SUBSCRIBERS = 600;

    @TempDir
    Path dir;

    @Test
    void aDatabaseRestartMidEditionLosesNoMemberAndKeepsServeRunning() throws Exception {
        try (OwnPostgres postgres = new OwnPostgres();
             ServeNodes nodes = ServeNodes.sendingWhenTold(dir, ServeNodes.database(postgres.start()))) {
            ServeNodes.Node serving = nodes.node("serve");
            confirmedMembersAndOneNewArticle(dir, serving.config, nodes.articles, SUBSCRIBERS);

            nodes.up(serving);
            serving.triggerDailySend();
            GreenMail smtp = nodes.smtp;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> smtp.getReceivedMessages().length >= SUBSCRIBERS / 4);

            // 20 s down: longer than the pool waits for a connection (15 s)
            Process restart = postgres.restart(20);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> serving.get("/health").body().contains("\"database\":\"down"));
            assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restart.exitValue()).as("restart of PostgreSQL").isZero();
            assertThat(smtp.getReceivedMessages().length).as("restarted in the middle").isLessThan(SUBSCRIBERS);

            serving.awaitUp();
            try {
                await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(1))
                        .failFast(() -> !serving.isAlive())
                        .until(() -> messagesPerRecipient(smtp).size() == SUBSCRIBERS);
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError(messagesPerRecipient(smtp).size() + " of " + SUBSCRIBERS
                        + " reached; serve's log:\n" + Files.readString(serving.log), e);
            }
            Map<String, Long> perRecipient = messagesPerRecipient(smtp);
            long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).as("at most one message per connection twice").isLessThanOrEqualTo(ServeNodes.CONNECTIONS);
            assertThat(serving.isAlive()).as("serve still running; its log:\n" + Files.readString(serving.log)).isTrue();
            assertThat(serving.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDatabaseRestartUnderSendEndsItWithAClearMessageAndTheNextSendFinishes() throws Exception {
        try (OwnPostgres postgres = new OwnPostgres();
             ServeNodes nodes = new ServeNodes(dir, ServeNodes.database(postgres.start()),
                     ", connections: %d, ratePerSecond: 100".formatted(ServeNodes.CONNECTIONS), "")) {
            Path config = nodes.node("rundbrief").config;
            confirmedMembersAndOneNewArticle(dir, config, nodes.articles, SUBSCRIBERS);
            GreenMail smtp = nodes.smtp;
            Path firstLog = dir.resolve("send-1.log");
            Process first = nodes.sendingDaily(config, firstLog, SUBSCRIBERS);

            // 20 s down: longer than the pool waits for a connection (15 s), so the send cannot ride it out
            Process restart = postgres.restart(20);
            assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(firstLog);
            assertThat(first.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("send: the database failed: ", "Run 'rundbrief send --cadence daily' once the database is back")
                    .doesNotContain("Exception", "\tat ", "maxLifetime");
            assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(smtp.getReceivedMessages().length).as("stopped in the middle").isLessThan(SUBSCRIBERS);

            Process second = nodes.start(dir.resolve("send-2.log"), "send", "--cadence", "daily", "--config", config.toString());
            assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(second.exitValue()).as(Files.readString(dir.resolve("send-2.log"))).isZero();
            Map<String, Long> perRecipient = messagesPerRecipient(smtp);
            assertThat(perRecipient).hasSize(SUBSCRIBERS);
            long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).as("at most one message per connection twice").isLessThanOrEqualTo(ServeNodes.CONNECTIONS);
        }
    }

    @Test
    void aDatabaseRestartUnderAnImportEndsItWithAClearMessageAndTheSameImportGoesOn() throws Exception {
        int rows = 300_000;
        try (OwnPostgres postgres = new OwnPostgres()) {
            String url = postgres.start();
            try (ServeNodes nodes = new ServeNodes(dir, ServeNodes.database(url), "", "")) {
                Path config = nodes.node("rundbrief").config;
                StringBuilder csv = new StringBuilder("E-Mail;Name\n");
                for (int i = 0; i < rows; i++) {
                    csv.append("mitglied").append(i).append("@example.org;Mitglied Nr. ").append(i).append(" aus Gießen\n");
                }
                Path file = Files.writeString(dir.resolve("mitglieder.csv"), csv);
                Path firstLog = dir.resolve("import-1.log");
                Process first = nodes.start(firstLog, "subscribers", "import", file.toString(), "--confirmed",
                        "--consent-note", "Mitgliederversammlung 2026", "--config", config.toString());

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> members(url) > 0);
                Process restart = postgres.restart(20);
                assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
                String out = Files.readString(firstLog);
                assertThat(first.exitValue()).as(out).isEqualTo(1);
                assertThat(out).contains("subscribers import: the database failed after ", " rows were stored: ",
                                "Run the same import again once the database is back")
                        .doesNotContain("Exception", "\tat ");
                assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
                long before = members(url);
                assertThat(before).as("stopped in the middle").isLessThan(rows);

                Path secondLog = dir.resolve("import-2.log");
                Process second = nodes.start(secondLog, "subscribers", "import", file.toString(), "--confirmed",
                        "--consent-note", "Mitgliederversammlung 2026", "--config", config.toString());
                assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
                assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();
                assertThat(Files.readString(secondLog)).contains(rows + " rows: " + (rows - before) + " imported, " + before + " already on the list");
                assertThat(members(url)).isEqualTo(rows);
            }
        }
    }

    private static long members(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM subscriber")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
