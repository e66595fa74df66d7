package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.article.Article;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.render.DigestShapesTest;
import org.rundbrief.render.Recipients;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.template.Templates;
import org.rundbrief.testing.Installation;

/**
 * An edition sent through the real wiring to GreenMail: digests filled into a shared shape still
 * carry each recipient's own name and signed links, and equal what a full render gives them.
 */
class PersonalDigestsOverSmtpTest {
    @TempDir
    Path dir;
    GreenMail smtp;
    Installation inst;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "");
    }

    @AfterEach
    void stop() {
        inst.close();
        smtp.stop();
    }

    private void member(String email, String name, String language) {
        inst.app.subscriberService.addConfirmed(new NewSubscriber(EmailAddress.parse(email), name, Cadence.DAILY, language,
                List.of()), "test");
    }

    @Test
    void everyRecipientGetsTheirOwnNameAndLinksExactlyAsAFullRenderWouldWriteThem() throws Exception {
        member("anna@example.org", "Anna", "de");
        member("bernd@example.org", "Bernd", "de");
        member("clara@example.org", "Clara", "de");
        member("eve@example.org", "Eve <b>&amp; \"Co\" 'x'", "de");
        member("joerg@example.org", "Jörg „Jo“ Müller – ß", "de");
        member("long@example.org", DigestShapesTest.LONG_NAME, "de");
        member("noname@example.org", "", "de");
        member("office@example.com", "Office Team", "en");
        member("mary@example.com", "Mary O'Neil", "en");
        inst.tick();
        inst.article("Sommerfest am Baggersee & „Grillen“");
        inst.article("Mitgliederversammlung <im> Vereinsheim");
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        inst.app.editions.send(edition.id(), Duration.ZERO);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(9);
        List<Article> articles = inst.app.articles.byIds(inst.app.editionStore.articleIds(edition.id()));
        Recipients links = inst.app.recipients();
        for (MimeMessage m : received) {
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            Subscriber s = inst.app.subscribers.byEmail(EmailAddress.parse(to)).orElseThrow();
            Multipart parts = (Multipart) m.getContent();
            String text = crlfToLf((String) parts.getBodyPart(0).getContent());
            String html = crlfToLf((String) parts.getBodyPart(1).getContent());
            String unsubscribe = links.unsubscribeUrl(s);
            String preferences = links.preferencesUrl(s);

            assertThat(m.getHeader("List-Unsubscribe")[0]).as(to).startsWith("<" + unsubscribe + ">");
            assertThat(html).as(to).contains("href=\"" + Templates.escapeHtml(unsubscribe) + "\"",
                    "href=\"" + Templates.escapeHtml(preferences) + "\"");
            assertThat(text).as(to).contains(unsubscribe, preferences);
            if (s.name() == null || s.name().isEmpty()) {
                assertThat(text).doesNotContain("Hallo");
            } else {
                assertThat(html).as(to).contains(Templates.escapeHtml(s.name()));
            }
            var full = inst.app.digests.render(edition, s, articles, links);
            assertThat(html).as(to).isEqualTo(full.html());
            assertThat(text).as(to).isEqualTo(full.text());
            assertThat(m.getSubject()).isEqualTo(full.subject());
        }
        assertThat(received).extracting(PersonalDigestsOverSmtpTest::htmlOf)
                .filteredOn(h -> h.contains("Eve &lt;b&gt;&amp;amp; &quot;Co&quot; &#39;x&#39;")).hasSize(1);
    }

    private static String htmlOf(MimeMessage m) {
        try {
            return (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crlfToLf(String s) {
        return s.replace("\r\n", "\n");
    }
}
