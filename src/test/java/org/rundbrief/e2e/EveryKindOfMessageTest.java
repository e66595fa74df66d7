package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.Browser;

/**
 * Every kind of message rundbrief sends ({@link EveryKindOfMessage}: digests in German and English
 * with one and many articles, with and without images; confirm, welcome, already subscribed,
 * address change, goodbye), as a mail server received them, checked for what gets a message into
 * the inbox.
 */
class EveryKindOfMessageTest {
    private static final Pattern SCORE = Pattern.compile("Content analysis details:\\s+\\((-?\\d+\\.\\d+) points");

    @TempDir
    static Path dir;
    static Map<String, byte[]> messages;

    @BeforeAll
    static void sendEveryKind() throws Exception {
        messages = EveryKindOfMessage.send(dir, "bounce: { address: \"bounces@example.org\" }");
        assertThat(messages).hasSize(18);
    }

    private static boolean transactional(String kind) {
        return !kind.startsWith("digest-");
    }

    private static MimeMessage parsed(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static String part(byte[] raw, int index) throws Exception {
        return (String) ((Multipart) parsed(raw).getContent()).getBodyPart(index).getContent();
    }

    /**
     * SpamAssassin with the rules Debian ships ({@code -L}: local tests only, no network, no
     * sa-update). Before: every digest scored 1.7 for its hidden preheader (HTML_FONT_LOW_CONTRAST,
     * FONT_INVIS_MSGID), a one-article digest with an image 3.9 (HTML_IMAGE_ONLY_32).
     */
    @Test
    void everyKindScoresAtMostZeroInSpamAssassin() throws Exception {
        Path prefs = Files.writeString(dir.resolve("user_prefs"), "");
        List<String> over = new ArrayList<>();
        for (Map.Entry<String, byte[]> m : messages.entrySet()) {
            String report = spamassassin(prefs, m.getValue());
            Matcher score = SCORE.matcher(report);
            assertThat(score.find()).as("no score in SpamAssassin's report:\n" + report).isTrue();
            if (Double.parseDouble(score.group(1)) > 0.0) {
                Files.write(dir.resolve(m.getKey() + ".eml"), m.getValue());
                over.add(m.getKey() + " scores " + score.group(1) + ":\n"
                        + report.substring(report.indexOf("Content analysis details")));
            }
        }
        assertThat(over).isEmpty();
    }

    @Test
    void transactionalMailsAreAutoSubmittedAndEveryKindNamesItsCampaignAndList() throws Exception {
        for (Map.Entry<String, byte[]> m : messages.entrySet()) {
            MimeMessage msg = parsed(m.getValue());
            assertThat(msg.getHeader("List-Id")).as(m.getKey()).singleElement().asString().endsWith(" <news.example.org>");
            String feedbackId = msg.getHeader("Feedback-ID", null);
            if (transactional(m.getKey())) {
                assertThat(msg.getHeader("Auto-Submitted")).as(m.getKey()).containsExactly("auto-generated");
                assertThat(feedbackId).as(m.getKey())
                        .isEqualTo(m.getKey().substring(0, m.getKey().lastIndexOf('-')) + ":transactional:example.org");
            } else {
                assertThat(msg.getHeader("Auto-Submitted")).as(m.getKey()).isNull();
                assertThat(feedbackId).as(m.getKey()).matches("edition-\\d+:(daily|weekly):example\\.org");
            }
        }
    }

    @Test
    void everyMessageBouncesToItsOwnSignedAddressAndKeepsTheClubsFrom() throws Exception {
        for (Map.Entry<String, byte[]> m : messages.entrySet()) {
            MimeMessage msg = parsed(m.getValue());
            String kind = m.getKey().startsWith("digest-") ? "d" : m.getKey().startsWith("address-change") ? "n" : "s";
            assertThat(msg.getHeader("Return-Path", null)).as(m.getKey())
                    .matches("<bounces\\+" + kind + "\\d+-[0-9a-f]{16}@example\\.org>");
            assertThat(msg.getHeader("From", null)).as(m.getKey()).isEqualTo("Verein <news@example.org>");
        }
    }

    @Test
    void everyTextLineFitsInto78CharactersUnlessItIsOneWord() throws Exception {
        for (Map.Entry<String, byte[]> m : messages.entrySet()) {
            assertThat(part(m.getValue(), 0).lines()).as(m.getKey())
                    .allMatch(line -> line.length() <= 78 || !line.strip().contains(" "));
        }
        assertThat(part(messages.get("confirm-de"), 0)).containsPattern("\n" + Pattern.quote("https://news.example.org/confirm/"));
    }

    @Test
    void everyMessageFitsAPhoneWithoutSidewaysScrollingAndKeepsCheckboxesWithTheirLabels() throws Exception {
        // 390 px is today's common phone; 375 px the narrower older ones.
        for (int width : new int[] {Browser.PHONE, 375}) {
            try (Browser browser = Browser.phone(Files.createDirectories(dir.resolve("profile-" + width)), width)) {
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, byte[]> m : messages.entrySet()) {
                    Path html = Files.writeString(dir.resolve(m.getKey() + ".html"), part(m.getValue(), 1), StandardCharsets.UTF_8);
                    browser.driver().get(html.toUri().toString());
                    problems.addAll(browser.phoneProblems(m.getKey(), width));
                }
                assertThat(problems).isEmpty();
                assertThat(browser.viewportWidth()).isEqualTo(width);
            }
        }
    }

    /** SpamAssassin's report on one message; {@code prefs} keeps it from writing into the home folder. */
    private static String spamassassin(Path prefs, byte[] message) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("spamassassin", "-L", "-t", "-p", prefs.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("spamassassin is not installed (Debian: apt-get install spamassassin)", e);
        }
        Thread writer = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write(message);
            } catch (java.io.IOException ignored) {
                // the report says what went wrong
            }
        });
        writer.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        writer.join();
        return out;
    }
}
