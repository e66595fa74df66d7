package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.subscriber.TestApps;
import org.rundbrief.testing.MutableClock;

/** The demo's mailbox page speaks the site's language: German labels and dates for a German site, English for an English one. */
class DevMailboxTest {
    @TempDir
    Path dir;

    private String mailboxPage(String language) throws Exception {
        try (App app = TestApps.app(dir.resolve(language), new MutableClock(Instant.parse("2026-03-02T06:00:00Z")),
                Map.of("RUNDBRIEF_SITE_LANGUAGE", language))) {
            DevMailbox.Source caught = () -> List.of(new DevMailbox.Caught(1, "Willkommen", "anna@example.org",
                    Instant.parse("2026-03-02T06:30:00Z"), "<p>Hallo</p>", "Hallo"));
            DevMailbox mailbox = new DevMailbox(caught, app.templates, ZoneId.of("Europe/Berlin"), language);
            WebServer web = app.webServer(List.of(mailbox));
            try {
                String base = "http://127.0.0.1:" + web.start(0);
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/dev/mailbox")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } finally {
                web.close();
            }
        }
    }

    @Test
    void aGermanSiteShowsGermanLabelsAndDates() throws Exception {
        assertThat(mailboxPage("de")).contains("<html lang=\"de\">", "Postfach (Demo)", ">Datum<", ">An<", ">Betreff<",
                ">Fassungen<", "02.03.2026 07:30:00", "Willkommen").doesNotContain("Subject", "Mailbox", "Newest");
    }

    @Test
    void anEnglishSiteShowsEnglishLabelsAndDates() throws Exception {
        assertThat(mailboxPage("en")).contains("<html lang=\"en\">", "Mailbox (demo)", ">Date<", ">To<", ">Subject<",
                ">Parts<", "2026-03-02 07:30:00").doesNotContain("Betreff", "Postfach", "Datum");
    }
}
