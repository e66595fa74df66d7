package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Actor;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.FreePort;
import org.rundbrief.testing.Installation;
import org.rundbrief.web.WebServer;

/**
 * The outbox of transactional mail: written with the member change that causes it, sent when the
 * mail server takes it, retried like digests, never sent twice by two senders.
 */
class OutboxTest {
    private static final String TOKEN = "outbox-test-admin-token-0123456789";
    private static final Actor FORM = new Actor(org.rundbrief.subscriber.Origin.FORM, null, null);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSubscribeWhileTheMailServerIsDownAnswersAtOnceAndTheConfirmationGoesOutOnceWhenItIsBack() throws Exception {
        int port = FreePort.any(); // nothing listens there yet: connection refused
        try (Installation inst = new Installation(dir, port, "security: { adminToken: \"" + TOKEN + "\" }")) {
            WebServer web = inst.app.webServer(List.of());
            web.start(0);
            inst.app.outboxSender.start();
            try {
                long before = System.nanoTime();
                HttpResponse<String> posted = post(web, "/subscribe", "email=grete%40example.org&name=Grete&cadence=daily&language=de");
                Duration took = Duration.ofNanos(System.nanoTime() - before);
                assertThat(posted.statusCode()).isEqualTo(200);
                assertThat(took).as("the answer does not wait for the mail server").isLessThan(Duration.ofSeconds(5));

                await().atMost(Duration.ofSeconds(20)).until(() -> inst.app.serverWatch.outage().isPresent());
                JsonNode health = json.readTree(get(web, "/health", null).body());
                assertThat(health.path("outbox").path("waiting").asLong()).isEqualTo(1);
                assertThat(health.path("outbox").path("lastSmtpError").asText()).contains("connect");
                assertThat(health.path("smtpOutage").has("waitingForSmtpServerSince")).isTrue();
                JsonNode api = json.readTree(get(web, "/api/outbox", TOKEN).body());
                assertThat(api.path("unsent").get(0).path("kind").asText()).isEqualTo("confirm");
                assertThat(api.path("unsent").get(0).path("attempts").asInt())
                        .as("an unreachable server costs no try").isZero();

                GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                smtp.start();
                inst.clock.advance(ServerWatch.MAX); // the next probe is due
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 1);
                    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("Bitte bestätigen");
                    await().atMost(Duration.ofSeconds(10)).until(() -> inst.app.serverWatch.outage().isEmpty());
                    assertThat(inst.app.outbox.state().waiting()).isZero();
                    assertThat(smtp.getReceivedMessages()).as("once").hasSize(1);
                } finally {
                    smtp.stop();
                }
            } finally {
                web.close();
            }
        }
    }

    @Test
    void aCrashBetweenTheCommitAndTheSendLosesNoMail() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            try (Installation first = new Installation(dir, smtp.getSmtp().getPort(), "")) {
                first.app.subscriberService.subscribe(person(first, "grete@example.org"), FORM);
            } // the process ends here, as a kill would end it: committed, nothing sent
            assertThat(smtp.getReceivedMessages()).isEmpty();
            try (Installation restarted = new Installation(dir, smtp.getSmtp().getPort(), "")) {
                assertThat(restarted.app.outbox.state().waiting()).isEqualTo(1);
                restarted.sendQueuedMail();
                assertThat(smtp.getReceivedMessages()).hasSize(1);
                assertThat(recipient(smtp.getReceivedMessages()[0])).isEqualTo("grete@example.org");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void theMailsOfASenderThatDiedGoOutOnceItsLeaseEnds() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (Installation inst = new Installation(dir, smtp.getSmtp().getPort(), "")) {
            inst.app.subscriberService.subscribe(person(inst, "grete@example.org"), FORM);
            assertThat(inst.app.outbox.claim("a node that dies", inst.clock.instant().plus(OutboxSender.LEASE), 20)).hasSize(1);
            inst.sendQueuedMail();
            assertThat(smtp.getReceivedMessages()).as("held by the dead node's lease").isEmpty();
            inst.clock.advance(OutboxSender.LEASE);
            inst.sendQueuedMail();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a421IsTriedAgainAfterTheBackOffAndThenSent() throws Exception {
        try (FaultySmtpServer smtp = new FaultySmtpServer().fail("grete@example.org", "421 4.7.0 try again later", 1);
             Installation inst = new Installation(dir, smtp.port(), "")) {
            inst.app.subscriberService.subscribe(person(inst, "grete@example.org"), FORM);
            OutboxSender.Report first = inst.app.outboxSender.drain();
            assertThat(first.retry()).isEqualTo(1);
            Outbox.State waiting = inst.app.outbox.state();
            assertThat(waiting.waiting()).isEqualTo(1);
            assertThat(waiting.lastError()).contains("421");
            assertThat(waiting.nextTry()).isAfter(inst.clock.instant());

            assertThat(inst.app.outboxSender.drain().nothing()).as("not before its retry is due").isTrue();
            inst.clock.advance(Duration.ofMinutes(1));
            assertThat(inst.app.outboxSender.drain().sent()).isEqualTo(1);
            assertThat(smtp.accepted()).hasSize(1);
            assertThat(smtp.tries("grete@example.org")).isEqualTo(2);
            assertThat(inst.app.outbox.state().waiting()).isZero();
        }
    }

    @Test
    void a550FailsTheMailForGoodAndBouncesTheAddressWithoutAnotherTry() throws Exception {
        try (FaultySmtpServer smtp = new FaultySmtpServer().fail("grete@example.org", "550 5.1.1 no such user", 5);
             Installation inst = new Installation(dir, smtp.port(), "")) {
            inst.app.subscriberService.subscribe(person(inst, "grete@example.org"), FORM);
            assertThat(inst.app.outboxSender.drain().failed()).isEqualTo(1);
            Subscriber s = inst.app.subscribers.byEmail(EmailAddress.parse("grete@example.org")).orElseThrow();
            assertThat(s.status()).isEqualTo(Subscriber.Status.BOUNCED);
            assertThat(inst.app.outbox.state().failedToday()).isEqualTo(1);
            assertThat(inst.app.outbox.unsent(Long.MAX_VALUE, 10).get(0).lastError()).contains("550");

            inst.clock.advance(Duration.ofHours(2));
            assertThat(inst.app.outboxSender.drain().nothing()).isTrue();
            assertThat(smtp.tries("grete@example.org")).isEqualTo(1);
        }
    }

    @Test
    void twoSendersOnOneDatabaseNeverSendOneMailTwice() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        ExecutorService both = Executors.newFixedThreadPool(2);
        try (Installation a = new Installation(dir, smtp.getSmtp().getPort(), "");
             Installation b = new Installation(dir, smtp.getSmtp().getPort(), "")) {
            int mails = 80;
            for (int i = 0; i < mails; i++) {
                a.app.subscriberService.subscribe(person(a, "m" + i + "@example.org"), FORM);
            }
            List<Callable<OutboxSender.Report>> drains = List.of(a.app.outboxSender::drain, b.app.outboxSender::drain);
            List<OutboxSender.Report> reports = new ArrayList<>();
            for (Future<OutboxSender.Report> f : both.invokeAll(drains)) {
                reports.add(f.get());
            }
            assertThat(reports.stream().mapToInt(OutboxSender.Report::sent).sum()).isEqualTo(mails);
            List<String> recipients = Arrays.stream(smtp.getReceivedMessages()).map(OutboxTest::recipient).toList();
            assertThat(recipients).hasSize(mails).doesNotHaveDuplicates();
        } finally {
            both.shutdownNow();
            smtp.stop();
        }
    }

    private static NewSubscriber person(Installation inst, String email) {
        return inst.app.subscriberChoices.subscriber(email, "Grete", "de", List.of(), "daily");
    }

    private static String recipient(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(WebServer web, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(WebServer web, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
