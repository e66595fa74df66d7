package org.rundbrief.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.config.Config;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.TestCertificate;

/** Our SMTP client against real servers: pipelining, refusals, STARTTLS, implicit TLS, AUTH, SMTPUTF8. */
class SmtpClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SmtpServer server(int port) {
        return SmtpServer.of(new Config.Smtp("127.0.0.1", port, "none", "", "", "news@example.org", "", 1, 10, 100), TIMEOUT);
    }

    /** A server reached over TLS with {@code tls}'s trust, logging in when {@code user} is not null. */
    private static SmtpServer server(int port, SmtpServer.Security security, SSLSocketFactory tls, String user, String password) {
        return new SmtpServer("127.0.0.1", port, security, user, password, TIMEOUT, tls);
    }

    private static SmtpServer server(int port, String user, String password) {
        return server(port, SmtpServer.Security.NONE, (SSLSocketFactory) SSLSocketFactory.getDefault(), user, password);
    }

    private static MimeMessage message(String to, String body) throws Exception {
        MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()));
        msg.setFrom(new InternetAddress("news@example.org"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        msg.setSubject("Grüße");
        msg.setText(body, "UTF-8");
        msg.saveChanges();
        return msg;
    }

    @Nested
    class AgainstOurFaultyServer {
        private final FaultySmtpServer smtp = new FaultySmtpServer();

        AgainstOurFaultyServer() throws Exception {}

        @AfterEach
        void stop() throws Exception {
            smtp.close();
        }

        @Test
        void withPipeliningMailRcptAndDataGoOutTogetherAndEveryMessageArrives() throws Exception {
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                for (int i = 0; i < 3; i++) {
                    c.send(message("m" + i + "@example.org", "Hallo " + i));
                }
            }
            assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                    .containsExactly("m0@example.org", "m1@example.org", "m2@example.org");
            assertThat(smtp.pipelinedMails()).isEqualTo(3);
            // close() does not wait for the server's goodbye: give its thread a moment to read QUIT
            await().atMost(Duration.ofSeconds(2)).until(() -> smtp.commands().contains("QUIT"));
            assertThat(smtp.commands()).filteredOn(l -> !l.startsWith("EHLO"))
                    .startsWith("MAIL FROM:<news@example.org>", "RCPT TO:<m0@example.org>", "DATA").endsWith("QUIT");
        }

        @Test
        void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
            smtp.withoutPipelining();
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                c.send(message("m0@example.org", "Hallo"));
                c.send(message("m1@example.org", "Hallo"));
            }
            assertThat(smtp.accepted()).hasSize(2);
            assertThat(smtp.pipelinedMails()).isZero();
        }

        @Test
        void aRefusedRecipientIsAPermanentFailureWithTheServersReplyAndNothingIsDelivered() throws Exception {
            smtp.fail("gone@example.org", "550 5.1.1 no such user", 99);
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(message("gone@example.org", "Hallo")));
                assertThat(f.permanent()).isTrue();
                assertThat(f.mailboxGone()).isTrue();
                assertThat(f.getMessage()).isEqualTo("SMTP 550 to RCPT TO:<gone@example.org>: 5.1.1 no such user");
            }
            assertThat(smtp.accepted()).isEmpty();
        }

        @Test
        void a421ThatClosesTheConnectionIsReportedAsTheRepliesNotAsTheClosedSocket() throws Exception {
            smtp.fail("busy@example.org", "421 4.3.2 shutting down", 1).fail("later@example.org", "451 4.7.1 greylisted", 1);
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(message("busy@example.org", "Hallo")));
                assertThat(f.permanent()).isFalse();
                assertThat(f.getMessage()).startsWith("SMTP 421 to RCPT TO:<busy@example.org>");
            }
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(message("later@example.org", "Hallo")));
                assertThat(f.permanent()).isFalse();
                assertThat(f.getMessage()).contains("451", "greylisted");
            }
            assertThat(smtp.accepted()).isEmpty();
        }

        @Test
        void linesStartingWithADotAreDotStuffedSoTheMessageArrivesWhole() throws Exception {
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                c.send(message("anna@example.org", "erste Zeile\r\n.\r\n.versteckt\r\nletzte Zeile"));
            }
            String data = smtp.accepted().get(0).data();
            assertThat(data).contains("\r\n..\r\n..versteckt\r\nletzte Zeile");
        }

        @Test
        void anAddressThatWouldBreakTheCommandLineIsRefusedBeforeAnythingIsSent() throws Exception {
            MimeMessage evil = message("anna@example.org", "Hallo");
            InternetAddress to = new InternetAddress();
            to.setAddress("anna@example.org>\r\nRCPT TO:<evil@example.org");
            evil.setRecipient(Message.RecipientType.TO, to);
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(evil));
                assertThat(f.permanent()).isTrue();
                assertThat(f.getMessage()).startsWith("no usable envelope");
            }
            assertThat(smtp.commands()).noneMatch(l -> l.contains("evil") || l.startsWith("MAIL"));
            assertThat(smtp.accepted()).isEmpty();
        }

        @Test
        void anInternationalisedAddressGoesOutAsUtf8WithTheSmtpUtf8ParameterWhenOffered() throws Exception {
            smtp.withSmtpUtf8();
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                c.send(message("anna@example.org", "Hallo"));
                c.send(message("jörg@example.org", "Hallo"));
            }
            assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                    .containsExactly("anna@example.org", "jörg@example.org");
            assertThat(smtp.commands()).filteredOn(l -> l.startsWith("MAIL"))
                    .containsExactly("MAIL FROM:<news@example.org>", "MAIL FROM:<news@example.org> SMTPUTF8");
        }

        @Test
        void anInternationalisedAddressToAServerWithoutSmtpUtf8FailsForGoodAndSendsNoRawBytes() throws Exception {
            try (SmtpClient c = SmtpClient.open(server(smtp.port()))) {
                MailFailure f = catchThrowableOfType(MailFailure.class, () -> c.send(message("jörg@example.org", "Hallo")));
                assertThat(f.permanent()).isTrue();
                assertThat(f.mailboxGone()).as("not a bounce: the address may be fine").isFalse();
                assertThat(f.getMessage()).contains("'jörg@example.org' needs SMTPUTF8");
                c.send(message("anna@example.org", "Hallo")); // the session goes on with the next message
            }
            assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient).containsExactly("anna@example.org");
            assertThat(smtp.commands()).noneMatch(l -> l.contains("jörg"));
        }

        @Test
        void startTlsThenLoginThenPipelinedMessages() throws Exception {
            smtp.withStartTls().withLogin("verein", "geheim „ß“");
            SmtpServer tls = server(smtp.port(), SmtpServer.Security.STARTTLS, TestCertificate.trusted(), "verein", "geheim „ß“");
            try (SmtpClient c = SmtpClient.open(tls)) {
                c.send(message("anna@example.org", "Hallo"));
                c.send(message("bernd@example.org", "Hallo"));
            }
            assertThat(smtp.accepted()).hasSize(2);
            assertThat(smtp.pipelinedMails()).isEqualTo(2);
            assertThat(smtp.commands()).containsSubsequence("STARTTLS", "EHLO " + SmtpServer.localName());
            assertThat(smtp.commands().indexOf("STARTTLS")).isLessThan(indexOfAuth(smtp));
        }

        @Test
        void aServerOfferingOnlyAuthLoginIsLoggedIntoWithIt() throws Exception {
            smtp.withLogin("verein", "geheim").withAuthMechanisms("LOGIN");
            try (SmtpClient c = SmtpClient.open(server(smtp.port(), "verein", "geheim"))) {
                c.send(message("anna@example.org", "Hallo"));
            }
            assertThat(smtp.commands()).contains("AUTH LOGIN").noneMatch(l -> l.startsWith("AUTH PLAIN"));
            assertThat(smtp.accepted()).hasSize(1);
        }

        @Test
        void aServerWithoutEsmtpGetsHeloAndOneCommandAtATime() throws Exception {
            smtp.withoutEsmtp();
            try (SmtpConnection c = new SmtpConnection(server(smtp.port()), 10)) {
                c.send(message("m1@example.org", "Hallo"));
                c.send(message("m2@example.org", "Hallo"));
            }
            assertThat(smtp.commands()).contains("HELO " + SmtpServer.localName());
            assertThat(smtp.pipelinedMails()).isZero();
            assertThat(smtp.accepted()).hasSize(2);
        }

        @Test
        void aWrongPasswordFailsTheSessionTransientlyAndNamesTheUserNotThePassword() throws Exception {
            smtp.withLogin("verein", "richtig");
            SmtpServer wrong = server(smtp.port(), "verein", "falsch");
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> SmtpClient.open(wrong));
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).contains("535", "login as 'verein'").doesNotContain("falsch");
            assertThat(smtp.accepted()).isEmpty();
        }

        @Test
        void startTlsRefusesACertificateThatDoesNotNameTheHost() throws Exception {
            smtp.withStartTls();
            SmtpServer tls = server(smtp.port(), SmtpServer.Security.STARTTLS, TestCertificate.trustedWithHostCheck(), null, null);
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> new SmtpConnection(tls, 10).send(message("anna@example.org", "x")));
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).contains("the server's TLS certificate does not name the host connected to",
                    "set the host to a name the certificate holds").containsIgnoringCase("subject alternative names");
            assertThat(smtp.commands()).doesNotContain("MAIL FROM:<news@example.org>");
        }

        @Test
        void startTlsWithASelfSignedCertificateSaysItIsNotTrusted() throws Exception {
            smtp.withStartTls();
            SmtpServer tls = server(smtp.port(), SmtpServer.Security.STARTTLS, new DefaultTls(), null, null); // the JVM's authorities
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> new SmtpConnection(tls, 10).send(message("anna@example.org", "x")));
            assertThat(f.getMessage()).contains("cannot open an SMTP session with 127.0.0.1:" + smtp.port(),
                    "the server's TLS certificate is not trusted: it is self-signed or from an authority this Java does not know",
                    "unable to find valid certification path");
            assertThat(smtp.commands()).doesNotContain("MAIL FROM:<news@example.org>");
        }

        @Test
        void aServerWithoutStartTlsIsRefusedWhenItIsRequired() throws Exception {
            SmtpServer tls = server(smtp.port(), SmtpServer.Security.STARTTLS, TestCertificate.trusted(), null, null);
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> SmtpClient.open(tls));
            assertThat(f.getMessage()).contains("does not offer STARTTLS");
            assertThat(smtp.commands()).noneMatch(l -> l.startsWith("MAIL"));
        }

        @Test
        void aServerThatNeverAnswersTheTlsHandshakeTimesOut() throws Exception {
            smtp.stall();
            SmtpServer tls = new SmtpServer("127.0.0.1", smtp.port(), SmtpServer.Security.TLS, null, null, Duration.ofMillis(500),
                    TestCertificate.trusted());
            long start = System.nanoTime();
            MailFailure f = catchThrowableOfType(MailFailure.class, () -> new SmtpConnection(tls, 10).send(message("anna@example.org", "x")));
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).containsIgnoringCase("timed out");
            assertThat(took).as("ms until the handshake gave up").isBetween(500L, 5_000L);
        }

        private static int indexOfAuth(FaultySmtpServer smtp) {
            for (int i = 0; i < smtp.commands().size(); i++) {
                if (smtp.commands().get(i).startsWith("AUTH PLAIN")) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Nested
    class AgainstGreenMail {
        @Test
        void implicitTlsWithLoginDeliversTheMessageIntact() throws Exception {
            GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
            greenMail.start();
            try {
                greenMail.setUser("news@example.org", "verein", "geheim");
                SmtpServer tls = server(greenMail.getSmtps().getPort(), SmtpServer.Security.TLS, TestCertificate.trusted(),
                        "verein", "geheim");
                try (SmtpClient c = SmtpClient.open(tls)) {
                    c.send(message("anna@example.org", "Grüße aus dem Vereinsheim – „bis bald“"));
                }
                MimeMessage got = greenMail.getReceivedMessages()[0];
                assertThat(got.getSubject()).isEqualTo("Grüße");
                assertThat(((String) got.getContent()).strip()).isEqualTo("Grüße aus dem Vereinsheim – „bis bald“");
            } finally {
                greenMail.stop();
            }
        }
    }
}
