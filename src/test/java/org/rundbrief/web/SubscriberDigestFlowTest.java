package org.rundbrief.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
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

/**
 * Issue #4's evidence as one story over real HTTP and SMTP: subscribe, confirm from the mail,
 * get a digest, leave with the digest's one-click header, get no further digest.
 */
class SubscriberDigestFlowTest {
    static final String BASE = LiveSite.BASE;
    static final String ADDRESS = "mitglied@example.org";

    @TempDir
    Path dir;
    LiveSite site;

    @BeforeEach
    void start() throws Exception {
        site = new LiveSite(dir, java.util.Map.of());
    }

    @AfterEach
    void stop() {
        site.close();
    }

    List<MimeMessage> received() throws Exception {
        return java.util.Arrays.stream(site.smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(ADDRESS);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    void sendDailyDigest() throws InterruptedException {
        site.inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));
    }

    @Test
    void subscribeConfirmDigestOneClickThenNoMoreDigests() throws Exception {
        var posted = site.request(BASE + "/subscribe", "email=" + ADDRESS + "&name=Grete+Wei%C3%9F&cadence=daily&language=de&topics=verein");
        assertThat(posted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 1);

        String confirm = Mailbox.link(received().get(0), BASE + "/confirm/");
        assertThat(site.request(confirm, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 2);
        assertThat(received()).extracting(Mailbox::subject).last().asString().startsWith("Willkommen");

        site.inst.tick();
        site.inst.article("Sommerfest am „Sonnenhang“ – Anmeldung offen", "verein");
        site.inst.tick();
        sendDailyDigest();
        assertThat(received()).hasSize(3);
        MimeMessage digest = received().get(2);
        Matcher header = Pattern.compile("<(https://[^>]+)>").matcher(digest.getHeader("List-Unsubscribe")[0]);
        assertThat(header.find()).isTrue();
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        // RFC 8058: the mail client POSTs exactly this body; no page, no further step
        assertThat(site.request(header.group(1), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        site.inst.tick();
        site.inst.article("Nachlese zum Sommerfest", "verein");
        site.inst.tick();
        sendDailyDigest();
        assertThat(received()).as("no digest after unsubscribing, no goodbye after one-click").hasSize(3);
    }
}
