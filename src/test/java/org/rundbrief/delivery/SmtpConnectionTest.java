package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
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
        MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()));
        msg.setFrom(new InternetAddress("news@example.org"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@example.org"));
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
}
