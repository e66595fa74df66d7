package org.rundbrief.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.config.Config;
import org.rundbrief.testing.FaultySmtpServer;

/** One kept-open SMTP connection against a server that misbehaves. */
class SmtpConnectionTest {
    private final FaultySmtpServer smtp = new FaultySmtpServer();

    SmtpConnectionTest() throws Exception {}

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private SmtpConnection connection(Duration timeout) {
        Config.Smtp config = new Config.Smtp("127.0.0.1", smtp.port(), "none", "", "", "news@example.org", "", 1, 10, 100);
        return new SmtpConnection(SmtpServer.of(config, timeout), 100);
    }

    private static MimeMessage message(int bodyBytes) throws Exception {
        return message("anna@example.org", bodyBytes);
    }

    private static MimeMessage message(String to, int bodyBytes) throws Exception {
        MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()));
        msg.setFrom(new InternetAddress("news@example.org"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        msg.setSubject("groß");
        msg.setText(("x".repeat(75) + "\r\n").repeat(bodyBytes / 77), "UTF-8");
        msg.saveChanges();
        return msg;
    }

    @Test
    void aServerThatStopsReadingInTheMiddleOfALargeMessageFailsItTransientlySoonAfterTheTimeout() throws Exception {
        smtp.stopReadingAtData();
        MimeMessage large = message(64 << 20); // more than loopback's socket buffers hold
        try (SmtpConnection c = connection(Duration.ofMillis(500))) {
            long start = System.nanoTime();
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(large));
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(f).isNotNull();
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).containsIgnoringCase("write timed out");
            assertThat(took).as("ms until the send failed").isBetween(500L, 5_000L);
        }
        assertThat(smtp.accepted()).isEmpty();
    }

    @Test
    void aSmallMessageGoesThroughTheWatchedSocket() throws Exception {
        try (SmtpConnection c = connection(Duration.ofMillis(500))) {
            c.send(message(2000));
            c.send(message(2000));
        }
        assertThat(smtp.accepted()).hasSize(2);
        assertThat(smtp.accepted().get(0).data()).contains("Subject: =?UTF-8?");
    }

    /** Notes what each receipt was told, in order. */
    private static final class Told {
        final List<String> events = new ArrayList<>();

        SmtpConnection.Receipt receipt(String name) {
            return new SmtpConnection.Receipt() {
                @Override
                public void sent() {
                    events.add(name + " sent");
                }

                @Override
                public void failed(MailFailure f) {
                    events.add(name + (f.permanent() ? " failed: " : " retry: ") + f.getMessage());
                }
            };
        }
    }

    @Test
    void withPipeliningAMessagesOutcomeIsToldWhenTheNextOneStartsOrAtFinish() throws Exception {
        Told told = new Told();
        try (SmtpConnection c = connection(Duration.ofSeconds(5))) {
            c.send(message("m1@example.org", 2000), told.receipt("m1"));
            assertThat(told.events).isEmpty(); // its data went out; the reply is read later
            c.send(message("m2@example.org", 2000), told.receipt("m2"));
            assertThat(told.events).containsExactly("m1 sent");
            c.finish();
            assertThat(told.events).containsExactly("m1 sent", "m2 sent");
            c.send(message("m3@example.org", 2000), told.receipt("m3"));
        }
        assertThat(told.events).containsExactly("m1 sent", "m2 sent", "m3 sent");
        assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                .containsExactly("m1@example.org", "m2@example.org", "m3@example.org");
    }

    @Test
    void aConnectionLostAfterAMessagesDataFailsItForARetryAndTheNextMessageGoesOutOnAFreshOne() throws Exception {
        smtp.dropAfterData("m1@example.org");
        Told told = new Told();
        try (SmtpConnection c = connection(Duration.ofSeconds(5))) {
            c.send(message("m1@example.org", 2000), told.receipt("m1"));
            c.send(message("m2@example.org", 2000), told.receipt("m2"));
        }
        assertThat(told.events).hasSize(2);
        // EOF, or a reset when the server closed with our next envelope still unread
        assertThat(told.events.get(0)).startsWith("m1 retry: ").containsAnyOf("closed the connection", "Connection reset");
        assertThat(told.events.get(1)).isEqualTo("m2 sent");
        assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient).containsExactly("m2@example.org");
    }

    @Test
    void aRefusalOfTheNextRecipientLeavesTheMessageBeforeItSent() throws Exception {
        smtp.fail("gone@example.org", "550 5.1.1 no such user", 99);
        Told told = new Told();
        try (SmtpConnection c = connection(Duration.ofSeconds(5))) {
            c.send(message("m1@example.org", 2000), told.receipt("m1"));
            c.send(message("gone@example.org", 2000), told.receipt("gone"));
            c.send(message("m3@example.org", 2000), told.receipt("m3"));
        }
        assertThat(told.events).containsExactly("m1 sent",
                "gone failed: SMTP 550 to RCPT TO:<gone@example.org>: 5.1.1 no such user", "m3 sent");
        assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                .containsExactly("m1@example.org", "m3@example.org");
    }
}
