package org.rundbrief.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.ConfigLoader;

/** The MIME message of a digest: headers encoded as Jakarta Mail would, parts that decode to what went in. */
class MessageBuilderTest {
    @TempDir
    Path dir;

    private MessageBuilder builder() throws Exception {
        Path yml = dir.resolve("rundbrief.yml");
        Files.writeString(yml, "site: { title: \"Verein „Sonnenhang“\", baseUrl: \"https://news.example.org\" }\n"
                + "smtp: { from: \"Verein <news@example.org>\" }\n");
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
    void anEncodedWordNameCarryingCrLfIsDecodedAndCleanedBeforeItReachesTheToHeader() throws Exception {
        MimeMessage msg = reparse(builder().build(mail("=?utf-8?q?Eve=0D=0ABcc:_victim@example.com?=", "Hallo")));
        String to = msg.getHeader("To")[0];
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(to.replaceAll("\\r\\n[ \\t]", " ")))
                .doesNotContain("\r").doesNotContain("\n").contains("Eve Bcc: victim@example.com").contains("<anna@example.org>");
        assertThat(msg.getHeader("Bcc")).isNull();
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
    void anInternationalisedLocalPartGoesOutAsUtf8AsBefore() throws Exception {
        OutgoingMail mail = new OutgoingMail(EmailAddress.parse("jörg@bücher.example"), "Jörg", "x", "<p/>", "x",
                "https://news.example.org/u", "mailto:news@example.org", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder().build(mail).writeTo(out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("<jörg@xn--bcher-kva.example>\r\n");
        Properties utf8 = new Properties();
        utf8.put("mail.mime.allowutf8", "true"); // a reader that takes UTF-8 headers (RFC 6532), as GreenMail does
        MimeMessage back = new MimeMessage(Session.getInstance(utf8), new ByteArrayInputStream(out.toByteArray()));
        assertThat(((InternetAddress) back.getAllRecipients()[0]).getAddress()).isEqualTo("jörg@xn--bcher-kva.example");
    }

    @Test
    void theListIdIsNamedAfterTheFromAddressWithoutDoublingItsHost() throws Exception {
        assertThat(MessageBuilder.listIdentifier("news@example.org")).isEqualTo("news.example.org");
        assertThat(MessageBuilder.listIdentifier("Vorstand.Post+x@Bücher.Example")).isEqualTo("vorstand-post-x.xn--bcher-kva.example");
    }

    @Test
    void aTransactionalMailIsAutoSubmittedAndEveryCampaignHasAFeedbackId() throws Exception {
        MessageBuilder builder = builder();
        MimeMessage confirm = reparse(builder.build(mail("Anna", "x").withCampaign(Campaign.transactional("confirm"))));
        assertThat(confirm.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(confirm.getHeader("Feedback-ID")).containsExactly("confirm:transactional:example.org");
        MimeMessage digest = reparse(builder.build(mail("Anna", "x").withCampaign(Campaign.digest(42, "weekly"))));
        assertThat(digest.getHeader("Auto-Submitted")).isNull();
        assertThat(digest.getHeader("Feedback-ID")).containsExactly("edition-42:weekly:example.org");
        MimeMessage plain = reparse(builder.build(mail("Anna", "x")));
        assertThat(plain.getHeader("Feedback-ID")).isNull();
        assertThat(((PreparedMessage) builder.build(mail("Anna", "x").withBounceReference(BounceReference.delivery(1))))
                .envelopeFrom()).as("without bounce.address: bounces go to the From address").isNull();
        assertThat(new Campaign("a:b\r\nX: y", "l", false).id()).isEqualTo("a-b-X-y");
    }

    @Test
    void theListIdIsEncodedNotRaw8Bit() throws Exception {
        MimeMessage msg = reparse(builder().build(mail("Anna", "x")));
        String raw = msg.getHeader("List-Id", null);
        assertThat(raw).matches("\\p{ASCII}+");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(raw))).isEqualTo("Verein „Sonnenhang“ <news.example.org>");
    }

    /**
     * The prepared bytes against a message built the plain Jakarta Mail way (MimeMultipart,
     * setSubject, setRecipient, setText): same headers in the same order with the same values, parts
     * that decode alike. Only Date, Message-ID and the boundary differ by nature, and List-Id, which
     * is now encoded instead of raw UTF-8.
     */
    @Nested
    class SameAsJakartaMailBuildsIt {
        private final String[] names = {"Jörg Müller", "„Anführung“ – Strich", "<&\"'>", "Eve\r\nBcc: victim@example.com",
            "Ann\u2028a\tB", "", null, "A".repeat(70) + " Ä", "O'Brien, Pat", "x@y.z"};
        private final String[] subjects = {"Größe", "Kurz", "<&\"'> „so“", "Hallo\r\nBcc: victim@example.com\r\n\r\nbody",
            "5 Neuigkeiten: Beitrag 1: Sommerfest, Mitgliederversammlung und „Neuigkeiten“ – Teil 1 und mehr",
            "plain ascii subject that is long enough to be folded by the encoder, more than seventy-eight characters", "\u00e4".repeat(80)};

        private MessageBuilder builder;
        private Session session;

        @BeforeEach
        void setUp() throws Exception {
            Path yml = dir.resolve("rundbrief.yml");
            Files.writeString(yml, "site: { title: \"Verein „Sonnenhang“\", baseUrl: \"https://news.example.org\" }\n"
                    + "smtp: { from: \"Verein Ä „Ö“ <news@example.org>\", replyTo: \"Büro <info@example.org>\" }\n");
            session = Session.getInstance(new Properties());
            builder = new MessageBuilder(session, ConfigLoader.load(yml, true, Map.of()));
        }

        private MimeMessage jakartaWay(OutgoingMail mail) throws Exception {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("Verein Ä „Ö“ <news@example.org>", true));
            InternetAddress from = (InternetAddress) m.getFrom()[0];
            from.setPersonal(from.getPersonal(), "UTF-8");
            m.setFrom(from);
            InternetAddress replyTo = new InternetAddress("Büro <info@example.org>", true);
            replyTo.setPersonal(replyTo.getPersonal(), "UTF-8");
            m.setReplyTo(new InternetAddress[] {replyTo});
            String name = MessageBuilder.headerText(mail.toName());
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().ascii(), name.isBlank() ? null : name, "UTF-8"));
            m.setSubject(MessageBuilder.headerText(mail.subject()), "UTF-8");
            m.setSentDate(new java.util.Date());
            m.setHeader("List-Id", "x");
            m.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">, <" + mail.unsubscribeMailto() + ">");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            m.setHeader("Archived-At", "<" + mail.webUrl() + ">");
            MimeMultipart alternative = new MimeMultipart("alternative");
            for (String[] part : new String[][] {{mail.text(), "plain"}, {mail.html(), "html"}}) {
                MimeBodyPart p = new MimeBodyPart();
                p.setText(part[0], "UTF-8", part[1]);
                p.setHeader("Content-Transfer-Encoding", "quoted-printable");
                alternative.addBodyPart(p);
            }
            m.setContent(alternative);
            m.saveChanges();
            return m;
        }

        private static List<String> headerLines(jakarta.mail.Part m) throws Exception {
            List<String> lines = new ArrayList<>();
            for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                Header h = e.nextElement();
                String value = switch (h.getName()) {
                    case "Date", "Message-ID", "List-Id" -> "(differs)";
                    case "Content-Type" -> h.getValue().substring(0, h.getValue().indexOf(';'));
                    default -> h.getValue();
                };
                lines.add(h.getName() + ": " + value);
            }
            return lines;
        }

        @Test
        void headersAndDecodedPartsAreTheSameForHostileNamesAndSubjects() throws Exception {
            String text = "Größe „so“ <&\"'> \n" + "Eine lange Zeile mit Umlauten äöü ß und – Strichen, ".repeat(5) + "\n\n-- \nEnde=ja\n";
            String html = "<p>Größe &bdquo;so&ldquo; &lt;&amp;&gt;</p>\n<p>" + "x=1&amp;y=ä ".repeat(30) + "</p>\n";
            for (int i = 0; i < 2 * names.length; i++) { // every name and every subject, twice (the kept subject)
                String name = names[i % names.length];
                String subject = subjects[i % subjects.length];
                OutgoingMail mail = new OutgoingMail(EmailAddress.parse("anna@example.org"), name, subject, html, text,
                        "https://news.example.org/unsubscribe/x", "mailto:news@example.org?subject=unsubscribe",
                        "https://news.example.org/editions/1");
                MimeMessage ours = reparse(builder.build(mail));
                MimeMessage theirs = reparse(jakartaWay(mail));
                assertThat(headerLines(ours)).as("name %s, subject %s", name, subject).isEqualTo(headerLines(theirs));
                assertThat(ours.getHeader("Bcc")).isNull();
                assertThat(ours.getSubject()).isEqualTo(theirs.getSubject());
                assertThat(ours.getRecipients(Message.RecipientType.TO)).isEqualTo(theirs.getRecipients(Message.RecipientType.TO));
                Multipart a = (Multipart) ours.getContent();
                Multipart b = (Multipart) theirs.getContent();
                assertThat(a.getCount()).isEqualTo(2);
                for (int p = 0; p < 2; p++) {
                    assertThat(a.getBodyPart(p).getContent()).isEqualTo(b.getBodyPart(p).getContent());
                    assertThat(headerLines(a.getBodyPart(p))).isEqualTo(headerLines(b.getBodyPart(p)));
                    assertThat(a.getBodyPart(p).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
                    assertThat(raw(a.getBodyPart(p))).isEqualTo(raw(b.getBodyPart(p)));
                }
            }
        }

        /** The encoded bytes of a part as they were on the wire. */
        private static byte[] raw(jakarta.mail.BodyPart part) throws Exception {
            return ((MimeBodyPart) part).getRawInputStream().readAllBytes();
        }

        @Test
        void theBuiltMessageAnswersWhatTheTransportAndTheWorkerAsk() throws Exception {
            MimeMessage msg = builder.build(new OutgoingMail(EmailAddress.parse("anna@example.org"), "Anna", "Hallo",
                    "<p>x</p>", "x", "https://news.example.org/u", "mailto:news@example.org", null));
            assertThat(msg.getAllRecipients()).extracting(Object::toString).containsExactly("Anna <anna@example.org>");
            assertThat(((InternetAddress) msg.getFrom()[0]).getAddress()).isEqualTo("news@example.org");
            assertThat(msg.getMessageID()).matches("<[0-9a-f-]{36}\\.[0-9]+@news\\.example\\.org>");
            assertThat(msg.getHeader("Archived-At")).isNull();
            msg.saveChanges(); // a caller may; it changes nothing
            assertThat(((Multipart) reparse(msg).getContent()).getBodyPart(0).getContent()).isEqualTo("x");
        }

        @Test
        void eachMessageHasItsOwnBoundaryAndMessageId() throws Exception {
            OutgoingMail mail = new OutgoingMail(EmailAddress.parse("anna@example.org"), "Anna", "Hallo",
                    "<p>x</p>", "x", "https://news.example.org/u", "mailto:news@example.org", null);
            MimeMessage a = builder.build(mail);
            MimeMessage b = builder.build(mail);
            assertThat(a.getMessageID()).isNotEqualTo(b.getMessageID());
            assertThat(a.getContentType()).isNotEqualTo(b.getContentType()).contains("boundary=\"----=_Part_");
        }
    }

    @Test
    void aUrlThatCouldBreakTheHeaderIsRefused() throws Exception {
        OutgoingMail bad = new OutgoingMail(EmailAddress.parse("anna@example.org"), "Anna", "x", "<p/>", "x",
                "https://news.example.org/u/x>\r\nBcc: victim@example.com", "mailto:news@example.org", null);
        assertThatThrownBy(() -> builder().build(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a header-safe URL");
    }
}
