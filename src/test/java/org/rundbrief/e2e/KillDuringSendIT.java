package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rundbrief.e2e.ServeProcesses.confirmedMembersAndOneNewArticle;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.TestDatabase;

/**
 * The database is the queue (docs/ARCHITECTURE.md): a restart resumes where it stopped, no
 * subscriber is skipped, and duplicates are bounded by the messages in flight at a crash. Proven with a real {@code kill -9} of a real {@code send}.
 */
class KillDuringSendIT {
    static final int SUBSCRIBERS = 1500;
    static final int CONNECTIONS = 4;

    @TempDir
    Path dir;

    @Test
    void killedSendResumesWithoutSkippingAnyoneAndDuplicatesAtMostTheMessagesInFlight() throws Exception {
        String smtpMore = ", connections: %d, ratePerSecond: 250".formatted(CONNECTIONS);
        try (ServeNodes nodes = new ServeNodes(dir, TestDatabase.yaml(dir), smtpMore, "")) {
            Path config = nodes.node("rundbrief").config;
            confirmedMembersAndOneNewArticle(dir, config, nodes.articles, SUBSCRIBERS);

            GreenMail smtp = nodes.smtp;
            Process first = send(nodes, config);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> smtp.getReceivedMessages().length >= SUBSCRIBERS / 4);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            }
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            int atKill = smtp.getReceivedMessages().length;
            assertThat(atKill).as("killed in the middle").isBetween(1, SUBSCRIBERS - 1);
            Path journal = dir.resolve("db.sent");
            // on H2 sent marks go through a journal beside the database; on PostgreSQL each is its own commit
            assertThat(Files.isDirectory(journal)).as("the killed sender's journal of sent marks").isEqualTo(!TestDatabase.postgres());

            Process second = send(nodes, config);
            assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(second.exitValue()).isZero();

            Map<String, Long> perRecipient = ServeProcesses.messagesPerRecipient(smtp);
            assertThat(perRecipient).hasSize(SUBSCRIBERS);
            long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).isLessThanOrEqualTo(CONNECTIONS);
            if (!TestDatabase.postgres()) {
                try (var left = Files.list(journal)) {
                    assertThat(left).as("every journal segment replayed or committed, then deleted").isEmpty();
                }
            }
            assertThat(Fixtures.cli("send", "--cadence", "daily", "--config", config.toString()).out())
                    .contains("Nothing new");
        }
    }

    private Process send(ServeNodes nodes, Path config) throws Exception {
        return nodes.start(dir.resolve("send-" + System.nanoTime() + ".log"),
                "send", "--cadence", "daily", "--config", config.toString());
    }
}
