package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rundbrief.e2e.ServeProcesses.messagesPerRecipient;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code serve} nodes on one PostgreSQL database share the sending of one edition, and
 * when one is killed with {@code kill -9} in the middle, the other finishes its rows once their
 * leases end: everyone gets the digest, at most one message per connection of the dead node twice.
 * No cron fires: the daily send is triggered once, on node A.
 */
class ServeFailoverIT {
    static final int SUBSCRIBERS = 1200;

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidEditionIsFinishedByTheOtherWithoutACronFire() throws Exception {
        try (ServeNodes nodes = ServeNodes.sendingWhenTold(dir, ServeNodes.sharedPostgres(dir))) {
            ServeNodes.Node a = nodes.node("a");
            ServeNodes.Node b = nodes.node("b");
            nodes.upAndSendingDaily(SUBSCRIBERS, a, b);

            GreenMail smtp = nodes.smtp;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(() -> smtp.getReceivedMessages().length >= SUBSCRIBERS * 2 / 5);
            a.kill(); // SIGKILL: its leases stay until they end
            int atKill = smtp.getReceivedMessages().length;
            assertThat(atKill).as("killed in the middle").isLessThan(SUBSCRIBERS);

            // B goes on with its own rows and takes A's when their 45 s leases end. A's SMTP sessions
            // died with it: GreenMail's threads for them fail with "connection reset", as they should.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).dontCatchUncaughtExceptions()
                    .until(() -> messagesPerRecipient(smtp).size() == SUBSCRIBERS);
            Map<String, Long> perRecipient = messagesPerRecipient(smtp);
            assertThat(perRecipient).hasSize(SUBSCRIBERS);
            long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).as("at most one message per connection of the dead node").isLessThanOrEqualTo(ServeNodes.CONNECTIONS);
            assertThat(Files.readString(b.log)).contains("resuming edition");
        }
    }

    /**
     * Both nodes store the schedule's triggers when they start; started at the same moment, one
     * finds the other's trigger already there. Before the fix that node died with "cannot start the
     * scheduler" about one start in five, so this starts pairs on fresh schemas several times.
     */
    @Test
    void twoNodesStartingAtTheSameMomentBothComeUp() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path folder = Files.createDirectories(dir.resolve("round-" + round));
            try (ServeNodes nodes = ServeNodes.sendingWhenTold(folder, ServeNodes.sharedPostgres(folder))) {
                ServeNodes.Node a = nodes.node("a");
                ServeNodes.Node b = nodes.node("b");
                assertThat(Fixtures.cli("subscribers", "list", "--config", a.config.toString()).exit()).isZero();
                nodes.up(a, b);
            }
        }
    }
}
