package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.ConfigException;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Mailbox;

/**
 * What German law expects of a club's newsletter: the imprint, the privacy notice and the postal
 * address on the subscribe form and the member pages, in the archive's footer, and in every mail.
 */
class LegalNoticesTest {
    static final String IMPRINT = "https://verein.example.org/impressum";
    static final String PRIVACY = "https://verein.example.org/datenschutz";
    static final String ADDRESS = "Heimatverein Talblick e.V., Hauptstraße 1, 12345 Talblick";

    @TempDir
    Path dir;
    LiveSite site;

    @BeforeEach
    void start() throws Exception {
        site = new LiveSite(dir, Map.of("RUNDBRIEF_SITE_IMPRINTURL", IMPRINT, "RUNDBRIEF_SITE_PRIVACYURL", PRIVACY,
                "RUNDBRIEF_SITE_POSTALADDRESS", ADDRESS));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    static String html(MimeMessage m) throws Exception {
        return (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
    }

    @Test
    void theSubscribeFormLinksThePrivacyNoticeNextToTheButtonAndEveryPageHasTheImprint() throws Exception {
        String form = site.request("/subscribe", null).body();
        assertThat(form).containsPattern("id=\"privacy\">[^<]*<a href=\"" + PRIVACY + "\">[^<]+</a></p>\\s*<button");
        assertThat(form).contains("<a href=\"" + IMPRINT + "\">Impressum</a>", "Hauptstraße 1, 12345 Talblick");
        assertThat(site.request("/", null).body()).contains("<a href=\"" + IMPRINT + "\">Impressum</a>",
                "<a href=\"" + PRIVACY + "\">Datenschutz</a>", ADDRESS);
    }

    @Test
    void everyMailCarriesTheAddressImprintAndPrivacyNoticeInBothParts() throws Exception {
        site.request("/subscribe", "email=grete%40example.org&name=Grete&cadence=daily&language=de");
        site.inst.sendQueuedMail();
        MimeMessage confirm = site.smtp.getReceivedMessages()[0];
        String confirmUrl = Mailbox.link(confirm, "https://news.example.org/confirm/");
        site.request(confirmUrl.substring("https://news.example.org".length()), null);
        site.inst.sendQueuedMail();
        site.inst.tick();
        site.inst.article("Sommerfest");
        site.inst.tick();
        site.inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));

        MimeMessage[] all = site.smtp.getReceivedMessages();
        assertThat(all).hasSize(3); // confirm, welcome, digest
        for (MimeMessage m : all) {
            assertThat(Mailbox.text(m)).as(Mailbox.subject(m)).contains(ADDRESS, "Impressum: " + IMPRINT,
                    "Datenschutz: " + PRIVACY);
            assertThat(html(m)).as(Mailbox.subject(m)).contains("Hauptstraße 1", "href=\"" + IMPRINT + "\"",
                    "href=\"" + PRIVACY + "\"");
        }
    }

    @Test
    void aLegalUrlThatIsNotAWebAddressStopsStartUpNamingTheKey() throws Exception {
        Path file = dir.resolve("bad.yml");
        java.nio.file.Files.writeString(file, "site: { imprintUrl: \"impressum.html\" }\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("site.imprintUrl");
    }
}
