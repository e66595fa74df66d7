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
 * A stop (SIGTERM: Ctrl-C and systemd's stop do the same) in the middle of an edition: the process
 * finishes the messages in hand, writes their marks, gives its leases back and closes the database
 * before it exits, with no error in its output; the next run sends the rest at once (not after the
 * leases' end), nobody twice.
 */
class StopDuringSendIT {
    static final int CONNECTIONS = 4;

    @TempDir
    Path dir;

    @Test
    void aStoppedSendFinishesTheMessagesInHandAndTheNextSendSendsTheRestAtOnce() throws Exception {
        int members = 1500;
        try (ServeNodes nodes = new ServeNodes(dir, TestDatabase.yaml(dir),
                ", connections: %d, ratePerSecond: 250".formatted(CONNECTIONS), "")) {
            Path config = nodes.node("rundbrief").config;
            confirmedMembersAndOneNewArticle(dir, config, nodes.articles, members);
            GreenMail smtp = nodes.smtp;
            Path firstLog = dir.resolve("send-1.log");
            Process first = nodes.sendingDaily(config, firstLog, members);

            first.destroy();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(firstLog);
            assertThat(first.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("Stopping after the messages in hand", "not sent yet", "Stopped after")
                    .doesNotContain("Exception", "ERROR", "already closed");
            int atStop = smtp.getReceivedMessages().length;
            assertThat(atStop).as("stopped in the middle").isBetween(1, members - 1);

            long started = System.nanoTime();
            Process second = nodes.start(dir.resolve("send-2.log"), "send", "--cadence", "daily", "--config", config.toString());
            assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the rest at once, not after the stopped run's leases (45 s)").isLessThan(Duration.ofSeconds(40));
            assertEveryoneOnce(smtp, members);
        }
    }

    @Test
    void aStoppedServeExitsCleanlyAndTheNextFinishesItsEdition() throws Exception {
        int members = 400;
        try (ServeNodes nodes = ServeNodes.sendingWhenTold(dir, TestDatabase.yaml(dir))) {
            ServeNodes.Node node = nodes.node("node");
            confirmedMembersAndOneNewArticle(dir, node.config, nodes.articles, members);
            nodes.up(node);
            GreenMail smtp = nodes.smtp;
            node.triggerDailySend();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> smtp.getReceivedMessages().length >= members / 4);

            assertThat(node.stop()).as("exit code of a stopped serve").isZero();
            assertThat(Files.readString(node.log)).doesNotContain("Exception", "ERROR", "already closed");
            assertThat(smtp.getReceivedMessages().length).as("stopped in the middle").isLessThan(members);

            nodes.up(node);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> smtp.getReceivedMessages().length >= members);
            assertEveryoneOnce(smtp, members);
        }
    }

    private static void assertEveryoneOnce(GreenMail smtp, int members) {
        Map<String, Long> perRecipient = ServeProcesses.messagesPerRecipient(smtp);
        assertThat(perRecipient).hasSize(members);
        assertThat(perRecipient.values()).as("a stop sends nothing twice").containsOnly(1L);
    }
}
