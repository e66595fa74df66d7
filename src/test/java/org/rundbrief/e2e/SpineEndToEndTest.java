package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.CommandRun;

/**
 * The whole job as an admin runs it: import members, collect a real feed over HTTP, send the
 * daily digest into a real SMTP server, and send again.
 */
class SpineEndToEndTest extends SampleFeedInstallation {
    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("members.csv"), """
                email,name,language,topics,frequency
                anna.schmidt@example.org,Anna Schmidt,de,verein,daily
                j.mueller@example.net,Jörg Müller,de,,daily
                office@example.com,Office Team,en,verein,weekly
                """, StandardCharsets.UTF_8);
    }

    @Test
    void collectThenSendDeliversOneDigestPerDailySubscriberAndASecondSendNothing() throws Exception {
        assertThat(Fixtures.cli("subscribers", "import", dir.resolve("members.csv").toString(), "--confirmed",
                "--consent-note", "Mitgliederversammlung 2026", "--config", config.toString()).exit()).isZero();
        CommandRun collect = Fixtures.cli("collect", "--config", config.toString());
        assertThat(collect.exit()).as(collect.err()).isZero();
        assertThat(collect.out()).contains("new 2");

        CommandRun send = Fixtures.cli("send", "--cadence", "daily", "--config", config.toString());
        assertThat(send.exit()).as(send.err()).isZero();
        assertThat(send.out()).contains("2 sent", "0 failed");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(SpineEndToEndTest::to))
                .containsExactlyInAnyOrder("anna.schmidt@example.org", "j.mueller@example.net");
        MimeMessage anna = Arrays.stream(received).filter(m -> to(m).startsWith("anna")).findFirst().orElseThrow();
        assertThat(anna.getSubject()).isEqualTo("2 Neuigkeiten: Wasser wird am 3. April angestellt und mehr");
        assertThat(anna.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) anna.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("text/html").containsIgnoringCase("utf-8");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Hallo Anna Schmidt,", "Die Hauptleitung wird am Freitag geöffnet – bitte Hähne schließen.",
                "https://news.example.org/articles/");
        assertThat(html).contains("Kleingartenverein „Sonnenhang“ e.V.", "Hähne schließen", "Arbeitseinsatz: Hecke am Hauptweg");
        assertThat(anna.getHeader("List-Unsubscribe")[0]).matches("<https://news\\.example\\.org/unsubscribe/[^>]+>, <mailto:news@example\\.org\\?[^>]+>");
        assertThat(anna.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(anna.getHeader("List-Id")[0]).contains("<news.example.org>").doesNotContain("news.news");
        assertThat(anna.getMessageID()).matches("<[0-9a-f-]{36}\\.[0-9]+@news\\.example\\.org>");
        assertThat(received[0].getMessageID()).isNotEqualTo(received[1].getMessageID());

        CommandRun again = Fixtures.cli("send", "--cadence", "daily", "--config", config.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Nothing new for daily subscribers");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void theSendBarEndsWhereTheEditionEnded() throws Exception {
        StringBuilder csv = new StringBuilder("email,name,language,topics,frequency\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("mitglied").append(i).append("@example.org,Mitglied ").append(i).append(",de,,daily\n");
        }
        Files.writeString(dir.resolve("many.csv"), csv, StandardCharsets.UTF_8);
        // 4 messages a second: the send takes ~1.5 s, long enough for the bar's ticks (every 0.5 s).
        Files.writeString(config, Files.readString(config).replace("ratePerSecond: 1000", "ratePerSecond: 4"));
        assertThat(Fixtures.cli("subscribers", "import", dir.resolve("many.csv").toString(), "--confirmed",
                "--consent-note", "Mitgliederversammlung 2026", "--config", config.toString()).exit()).isZero();
        assertThat(Fixtures.cli("collect", "--config", config.toString()).exit()).isZero();

        CommandRun send = Fixtures.cli("send", "--cadence", "daily", "--config", config.toString());

        assertThat(send.exit()).as(send.err()).isZero();
        assertThat(send.out()).contains("10 sent, 0 failed");
        assertThat(send.err().lines().filter(l -> l.startsWith("sending")).reduce((a, b) -> b))
                .hasValueSatisfying(last -> assertThat(last).contains("100%  10/10", "failed 0"));
    }

    @Test
    void sendRefusesToStartANewEditionWhileOneIsPausedAndNamesIt() throws Exception {
        assertThat(Fixtures.cli("subscribers", "import", dir.resolve("members.csv").toString(), "--confirmed",
                "--consent-note", "Mitgliederversammlung 2026", "--config", config.toString()).exit()).isZero();
        assertThat(Fixtures.cli("collect", "--config", config.toString()).exit()).isZero();
        long paused;
        var cfg = org.rundbrief.config.ConfigLoader.load(config, true, java.util.Map.of());
        try (var app = new org.rundbrief.app.App(cfg, dir, java.time.Clock.systemUTC())) {
            paused = app.editions.plan(org.rundbrief.subscriber.Cadence.DAILY, null).orElseThrow().id();
            app.editions.pause(paused);
        }

        CommandRun send = Fixtures.cli("send", "--cadence", "daily", "--config", config.toString());
        assertThat(send.exit()).isEqualTo(1);
        assertThat(send.err()).contains("edition " + paused + " (daily) is paused", "sent or cancelled");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void collectedArticlesComeBackOutOfTheAtomFeedOverHttp() throws Exception {
        assertThat(Fixtures.cli("collect", "--config", config.toString()).exit()).isZero();
        var cfg = org.rundbrief.config.ConfigLoader.load(config, true, java.util.Map.of());
        try (var app = new org.rundbrief.app.App(cfg, dir, java.time.Clock.systemUTC());
             var web = app.webServer(java.util.List.of())) {
            int port = web.start(0);
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/feed.atom")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("atom+xml"));
            var feed = new com.rometools.rome.io.SyndFeedInput().build(
                    new com.rometools.rome.io.XmlReader(new java.io.ByteArrayInputStream(response.body())));
            assertThat(feed.getEntries()).extracting(com.rometools.rome.feed.synd.SyndEntry::getTitle)
                    .containsExactly("Wasser wird am 3. April angestellt", "Arbeitseinsatz: Hecke am Hauptweg");
            assertThat(feed.getEntries().get(0).getContents().get(0).getValue()).contains("alle Hähne in euren Parzellen schließen &amp; Leitungen prüfen", "https://verein.example.org/media/wasser.jpg");
        }
    }

    static String to(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
