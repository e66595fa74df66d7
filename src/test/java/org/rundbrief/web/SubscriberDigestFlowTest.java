package org.rundbrief.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Mailbox;
import org.rundbrief.testing.Installation;

/**
 * Issue #4's evidence as one story over real HTTP and SMTP: subscribe, confirm from the mail,
 * get a digest, leave with the digest's one-click header, get no further digest.
 */
class SubscriberDigestFlowTest {
    static final String BASE = "https://news.example.org";
    static final String ADDRESS = "mitglied@example.org";

    @TempDir
    Path dir;
    GreenMail smtp;
    Installation inst;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "");
        server = inst.app.webServer(List.of());
        server.start(0);
        inst.app.outboxSender.start(); // as serve does: the form's mails go out from the outbox
    }

    @AfterEach
    void stop() {
        server.close();
        inst.close();
        smtp.stop();
    }

    HttpResponse<String> send(String url, String postBody) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + url.substring(BASE.length())));
        if (postBody != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(postBody));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<MimeMessage> received() throws Exception {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(ADDRESS);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    void sendDailyDigest() throws InterruptedException {
        inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));
    }

    @Test
    void subscribeConfirmDigestOneClickThenNoMoreDigests() throws Exception {
        var posted = send(BASE + "/subscribe", "email=" + ADDRESS + "&name=Grete+Wei%C3%9F&cadence=daily&language=de&topics=verein");
        assertThat(posted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 1);

        String confirm = Mailbox.link(received().get(0), BASE + "/confirm/");
        assertThat(send(confirm, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 2);
        assertThat(received()).extracting(Mailbox::subject).last().asString().startsWith("Willkommen");

        inst.tick();
        inst.article("Sommerfest am „Sonnenhang“ – Anmeldung offen", "verein");
        inst.tick();
        sendDailyDigest();
        assertThat(received()).hasSize(3);
        MimeMessage digest = received().get(2);
        Matcher header = Pattern.compile("<(https://[^>]+)>").matcher(digest.getHeader("List-Unsubscribe")[0]);
        assertThat(header.find()).isTrue();
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        // RFC 8058: the mail client POSTs exactly this body; no page, no further step
        assertThat(send(header.group(1), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        inst.tick();
        inst.article("Nachlese zum Sommerfest", "verein");
        inst.tick();
        sendDailyDigest();
        assertThat(received()).as("no digest after unsubscribing, no goodbye after one-click").hasSize(3);
    }
}
