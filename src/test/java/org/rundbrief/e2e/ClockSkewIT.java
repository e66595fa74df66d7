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
 * Two real {@code serve} nodes on one PostgreSQL database whose machines' clocks differ by two
 * minutes (node B's runs ahead, under libfaketime) share the sending of one edition, and every
 * member gets one digest. Leases are written by one node and read by the other, so both must mean
 * the same moment by "now": they use the database's time. Before, A's leases had already ended by
 * B's clock when A wrote them, B took A's rows over, and 177 of 1,200 members got the digest twice.
 */
class ClockSkewIT {
    static final int SUBSCRIBERS = 1200;

    @TempDir
    Path dir;

    @Test
    void nodesWhoseClocksDifferShareAnEditionAndSendEachMemberOneDigest() throws Exception {
        try (ServeNodes nodes = ServeNodes.sendingWhenTold(dir, ServeNodes.sharedPostgres(dir))) {
            ServeNodes.Node a = nodes.node("a");
            ServeNodes.Node b = nodes.node("b", ServeNodes.clockAhead(Duration.ofMinutes(2)));
            nodes.upAndSendingDaily(SUBSCRIBERS, a, b);

            GreenMail smtp = nodes.smtp;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).dontCatchUncaughtExceptions()
                    .until(() -> messagesPerRecipient(smtp).size() == SUBSCRIBERS && a.editions().body().contains("\"status\":\"done\""));
            Map<String, Long> perRecipient = messagesPerRecipient(smtp);
            long twice = perRecipient.values().stream().filter(n -> n > 1).count();
            assertThat(twice).as("members who got the digest more than once").isZero();
            assertThat(Files.readString(b.log)).as("B sent a share of the edition").contains("resuming edition");

            assertThat(b.get("/health").body()).as("B's /health").contains("\"clock\":\"this machine's clock is 120 s ahead of the database's");
            assertThat(a.get("/health").body()).as("A's /health").doesNotContain("\"clock\"");
            assertThat(Files.readString(b.log)).contains("this machine's clock is 120 s ahead of the database's");
        }
    }
}
