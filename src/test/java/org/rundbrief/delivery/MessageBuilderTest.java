package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.subscriber.EmailAddress;

/** The MIME message of a digest: headers encoded as Jakarta Mail would, parts that decode to what went in. */
class MessageBuilderTest {
    @TempDir
    Path dir;

    private MessageBuilder builder() throws Exception {
        Path yml = dir.resolve("rundbrief.yml");
        Files.writeString(yml, "site: { title: \"Verein „Sonnenhang“\", baseUrl: \"https://news.example.org\" }\n");
        return new MessageBuilder(Session.getInstance(new Properties()), ConfigLoader.load(yml, true, Map.of()));
    }

    private static OutgoingMail mail(String name, String subject) {
        return new OutgoingMail(EmailAddress.parse("anna@example.org"), name, subject, "<p>Größe „so“</p>\n",
                "Größe „so“ \n", "https://news.example.org/unsubscribe/x", "mailto:news@example.org?subject=unsubscribe",
                "https://news.example.org/editions/1");
    }

    private static MimeMessage reparse(MimeMessage msg) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        msg.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void theSubjectHeaderIsWhatSetSubjectWritesAlsoWhenTheSameSubjectComesAgain() throws Exception {
        MessageBuilder builder = builder();
        String subject = "5 Neuigkeiten: Beitrag 1: Sommerfest, Mitgliederversammlung und „Neuigkeiten“ – Teil 1 und mehr";
        MimeMessage expected = new MimeMessage(Session.getInstance(new Properties()));
        expected.setSubject(subject, "UTF-8");
        for (String s : new String[] {subject, subject, "Kurz", subject}) {
            MimeMessage msg = builder.build(mail("Anna", s));
            assertThat(reparse(msg).getSubject()).isEqualTo(s);
            if (s.equals(subject)) {
                assertThat(msg.getHeader("Subject")).containsExactly(expected.getHeader("Subject"));
            }
        }
    }

    @Test
    void lineBreaksInSubjectAndNameNeverStartANewHeader() throws Exception {
        MessageBuilder builder = builder();
        for (int i = 0; i < 2; i++) { // the second time from the kept subject
            MimeMessage msg = reparse(builder.build(mail("Eve\r\nBcc: victim@example.com", "Hallo\r\nBcc: victim@example.com")));
            assertThat(msg.getHeader("Bcc")).isNull();
            assertThat(msg.getSubject()).isEqualTo("Hallo Bcc: victim@example.com");
            assertThat(msg.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString()).contains("anna@example.org");
        }
    }

    @Test
    void partsDecodeToTheRenderedTextAndHtml() throws Exception {
        MimeMessage msg = reparse(builder().build(mail("Jörg Müller", "Größe")));
        Multipart parts = (Multipart) msg.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Größe „so“ \r\n");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Größe „so“</p>\r\n");
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
    }

    @Test
    void aUrlThatCouldBreakTheHeaderIsRefused() throws Exception {
        OutgoingMail bad = new OutgoingMail(EmailAddress.parse("anna@example.org"), "Anna", "x", "<p/>", "x",
                "https://news.example.org/u/x>\r\nBcc: victim@example.com", "mailto:news@example.org", null);
        assertThatThrownBy(() -> builder().build(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a header-safe URL");
    }
}
