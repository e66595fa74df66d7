package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Mailbox;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberFixture;

/** The public subscriber pages over real HTTP, with GreenMail receiving the mails. */
class SubscriberPagesTest {
    static final String BASE = "http://localhost:8080"; // site.baseUrl of the built-in defaults

    @TempDir
    Path dir;
    SubscriberFixture f;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        f = new SubscriberFixture(dir);
        server = new WebServer(List.of(f.app.subscriberPages));
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
        f.close();
    }

    /** Links in mails point at site.baseUrl; the test server listens on its own port. */
    URI local(String url) {
        return URI.create("http://127.0.0.1:" + server.port() + url.substring(url.startsWith(BASE) ? BASE.length() : 0));
    }

    HttpResponse<String> get(String url, String acceptLanguage) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(local(url)).GET();
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        var req = HttpRequest.newBuilder(local(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://verein.example.org") // the form embedded on another site
                .header("User-Agent", "Test/1.0").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String signup(String email) {
        return form(Map.of("email", email, "name", "Jörg Müller", "cadence", "daily", "language", "de"))
                + "&topics=verein&topics=termine";
    }

    Subscriber stored(String email) {
        return f.stored(email);
    }

    String lastLink(String to, String path) {
        var mails = f.mailbox.to(to);
        return Mailbox.link(mails.get(mails.size() - 1), BASE + path);
    }

    @Test
    void subscribeConfirmAndOneClickUnsubscribeOverHttp() throws Exception {
        var form = get("/subscribe", "de-DE,de;q=0.9,en;q=0.5");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<html lang=\"de\">").contains("name=\"website\"").contains("Vereinsleben");

        var posted = post("/subscribe", signup("joerg@bücher.example"));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).contains("Bitte sehen Sie in Ihrem Postfach nach");
        assertThat(stored("joerg@bücher.example").status()).isEqualTo(Subscriber.Status.PENDING);

        var confirmed = get(lastLink("joerg@xn--bcher-kva.example", "/confirm/"), null);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Abo bestätigt");
        Subscriber s = stored("joerg@bücher.example");
        assertThat(s.status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(s.topics()).containsExactly("termine", "verein");
        assertThat(f.mailbox.to("joerg@xn--bcher-kva.example")).extracting(Mailbox::subject)
                .containsExactly("Bitte bestätigen Sie Ihr Abo – Rundbrief", "Willkommen beim Newsletter „Rundbrief“");

        String unsubscribe = lastLink("joerg@xn--bcher-kva.example", "/unsubscribe/");
        var page = get(unsubscribe, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<button type=\"submit\">Ja, abmelden</button>");
        assertThat(stored("joerg@bücher.example").status()).as("a GET never unsubscribes").isEqualTo(Subscriber.Status.CONFIRMED);

        var oneClick = post(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(stored("joerg@bücher.example").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
        assertThat(f.mailbox.to("joerg@xn--bcher-kva.example")).as("no goodbye after one-click").hasSize(2);
    }

    @Test
    void unsubscribeButtonShowsAPageAndSendsGoodbye() throws Exception {
        Subscriber s = f.service.addConfirmed(f.person("knopf@example.org"), null);
        var done = post(f.tokens.unsubscribeUrl(s), "");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Abgemeldet");
        assertThat(stored("knopf@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
        assertThat(f.mailbox.to("knopf@example.org")).extracting(Mailbox::subject).containsExactly("Vom Newsletter „Rundbrief“ abgemeldet");
    }

    @Test
    void confirmationMailItselfCanBeUnsubscribedWithOneClick() throws Exception {
        post("/subscribe", signup("pending@example.org"));
        var r = post(lastLink("pending@example.org", "/unsubscribe/"), "List-Unsubscribe=One-Click");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(stored("pending@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
        assertThat(get(lastLink("pending@example.org", "/confirm/"), null).statusCode()).isEqualTo(404);
        assertThat(stored("pending@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
    }

    @Test
    void existingAddressGetsExactlyTheSameAnswerAsANewOne() throws Exception {
        f.service.addConfirmed(f.person("da@example.org"), null);
        var known = post("/subscribe", signup("da@example.org"));
        var fresh = post("/subscribe", signup("frisch@example.org"));
        assertThat(known.statusCode()).isEqualTo(fresh.statusCode());
        assertThat(known.body()).isEqualTo(fresh.body());
        assertThat(known.headers().map().keySet()).isEqualTo(fresh.headers().map().keySet());
    }

    @Nested
    class BadLinks {
        @Test
        void forgedTamperedOrWrongPurposeTokensGetAFriendlyPageAndChangeNothing() throws Exception {
            Subscriber s = f.service.addConfirmed(f.person("fest@example.org"), null);
            String prefs = f.tokens.preferencesUrl(s);
            String token = prefs.substring(prefs.lastIndexOf('/') + 1);
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("00") ? "11" : "00");

            for (var r : List.of(post("/unsubscribe/" + token, "List-Unsubscribe=One-Click"),
                    post("/unsubscribe/" + tampered, ""), get("/unsubscribe/nonsense", "en"),
                    get("/confirm/" + token, "en"), get("/preferences/" + tampered, "en"))) {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).containsAnyOf("Invalid link", "Link ungültig");
            }
            assertThat(stored("fest@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        }

        @Test
        void expiredConfirmationLinkSaysSo() throws Exception {
            post("/subscribe", signup("spaet@example.org"));
            // The days to confirm count from when the mail went out: looking for it sends it now.
            String link = lastLink("spaet@example.org", "/confirm/");
            f.clock.advance(java.time.Duration.ofDays(8));
            var r = get(link, "en");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("Link abgelaufen"); // the member chose German
            assertThat(stored("spaet@example.org").status()).isEqualTo(Subscriber.Status.PENDING);
        }
    }

    /** Issue #23: expired and revoked links lead to a fresh one by mail; an address change can be undone. */
    @Nested
    class FreshLinks {
        @Test
        void anExpiredPreferencesLinkOffersAFreshLinkByMailWithoutShowingTheAddress() throws Exception {
            Subscriber s = f.service.addConfirmed(f.person("alt@example.org"), null);
            String old = f.tokens.preferencesUrl(s);
            f.clock.advance(java.time.Duration.ofDays(181));

            var expired = get(old, "en");
            assertThat(expired.statusCode()).isEqualTo(400);
            assertThat(expired.body()).contains("Link nicht mehr gültig").contains("action=\"" + BASE + "/link\"")
                    .doesNotContain("alt@example.org");

            var sent = post("/link", form(Map.of("email", "alt@example.org")));
            assertThat(sent.statusCode()).isEqualTo(200);
            var fresh = get(lastLink("alt@example.org", "/preferences/"), "en");
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(fresh.body()).contains("value=\"alt@example.org\"");
            assertThat(get(old, "en").statusCode()).isEqualTo(400);
        }

        @Test
        void askingForAFreshLinkAnswersAlikeForMembersAndStrangers() throws Exception {
            f.service.addConfirmed(f.person("mitglied@example.org"), null);
            var member = post("/link", form(Map.of("email", "mitglied@example.org")));
            var stranger = post("/link", form(Map.of("email", "fremd@example.org")));
            assertThat(stranger.statusCode()).isEqualTo(member.statusCode()).isEqualTo(200);
            assertThat(stranger.body()).isEqualTo(member.body());
            assertThat(member.body()).contains("<h1>Bitte sehen Sie in Ihrem Postfach nach</h1>");
            assertThat(f.mailbox.to("fremd@example.org")).isEmpty();
            assertThat(f.mailbox.to("mitglied@example.org")).hasSize(1);

            var bad = post("/link", form(Map.of("email", "kein-at-zeichen")));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("action=\"" + BASE + "/link\"");
        }

        @Test
        void theUndoLinkShowsAButtonAndOnlyThePostGivesTheOldAddressBack() throws Exception {
            Subscriber s = f.service.addConfirmed(f.person("alt@example.org"), null);
            post(f.tokens.preferencesUrl(s), form(Map.of("email", "neu@example.org", "cadence", "daily", "language", "de")));
            get(lastLink("neu@example.org", "/confirm/"), "de");
            assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("neu@example.org");
            String undo = lastLink("alt@example.org", "/undo/");

            var page = get(undo, "en");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("alt@example.org").contains("<form method=\"post\"");
            assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("neu@example.org");

            var done = post(undo, "");
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("Rückgängig gemacht");
            assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("alt@example.org");

            f.clock.advance(java.time.Duration.ofDays(8));
            var late = get(undo, "en");
            assertThat(late.statusCode()).isEqualTo(400);
            assertThat(late.body()).contains("nur 7 Tage lang");
        }
    }

    @Nested
    class Abuse {
        @Test
        void headerInjectionInAnyFieldIsRejectedAndNothingIsStoredOrSent() throws Exception {
            var r = post("/subscribe", form(Map.of("email", "x@example.org", "name", "Eve\r\nBcc: victim@example.com")));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("Zeilenumbr");
            var r2 = post("/subscribe", form(Map.of("email", "x@example.org\r\nBcc: victim@example.com")));
            assertThat(r2.statusCode()).isEqualTo(400);
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("x@example.org"))).isEmpty();
            assertThat(f.mailbox.messages()).isEmpty();
        }

        @Test
        void perIpRateLimitAnswers429() throws Exception {
            for (int i = 0; i < 10; i++) {
                assertThat(post("/subscribe", signup("m" + i + "@example.org")).statusCode()).isEqualTo(200);
            }
            var limited = post("/subscribe", signup("m10@example.org"));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).contains("Zu viele Anfragen");
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("m10@example.org"))).isEmpty();
            f.clock.advance(java.time.Duration.ofMinutes(1));
            assertThat(post("/subscribe", signup("m10@example.org")).statusCode()).isEqualTo(200);
        }

        @Test
        void aHoneypotHitUsesUpTheClientsWholeBurst() throws Exception {
            assertThat(post("/subscribe", signup("bot@example.org") + "&website=x").statusCode()).isEqualTo(200);
            assertThat(post("/subscribe", signup("echt@example.org")).statusCode()).isEqualTo(429);
            assertThat(f.mailbox.messages()).isEmpty();
        }

        @Test
        void aPreferencesLinkCannotBeUsedToMailStrangers() throws Exception {
            Subscriber s = f.service.addConfirmed(f.person("mitglied@example.org"), null);
            String url = f.tokens.preferencesUrl(s);
            String advert = "Günstige Kredite sofort auf www.spam.example ".repeat(4).strip();
            int refused = 0;
            for (int i = 0; i < 15; i++) {
                var r = post(url, form(Map.of("email", "fremd" + i + "@example.org", "name", advert, "cadence", "weekly",
                        "language", "de")) + "&topics=verein");
                refused += r.statusCode() == 429 ? 1 : 0;
            }
            var member = f.mailbox.to("mitglied@example.org");
            var strangers = f.mailbox.messages().stream().filter(m -> !member.contains(m)).toList();
            assertThat(strangers).hasSizeLessThanOrEqualTo(3);
            assertThat(refused).isGreaterThanOrEqualTo(12);
            assertThat(strangers).allSatisfy(m -> {
                assertThat(Mailbox.text(m)).doesNotContain("Kredite").doesNotContain("/preferences/");
                assertThat(m.getHeader("To")[0]).doesNotContain("Kredite");
            });
        }

        /** Issue #23: the name typed into the form was the greeting of a confirmation mail to any address. */
        @Test
        void theSubscribeFormCannotCarryAnyTextToAStrangersMailbox() throws Exception {
            String advert = "Günstige Kredite sofort auf www.spam.example ".repeat(4).strip();
            var r = post("/subscribe", form(Map.of("email", "fremd@example.org", "name", advert, "cadence", "weekly",
                    "language", "de")) + "&topics=verein");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(f.mailbox.to("fremd@example.org")).singleElement().satisfies(m -> {
                assertThat(Mailbox.text(m)).startsWith("Hallo,").doesNotContain("Kredite");
                assertThat(m.getHeader("To")[0]).doesNotContain("Kredite");
            });

            get(lastLink("fremd@example.org", "/confirm/"), "de");
            var welcome = f.mailbox.to("fremd@example.org");
            assertThat(welcome).as("confirmed: the name is the mailbox owner's now").hasSize(2);
            assertThat(Mailbox.text(welcome.get(1))).startsWith("Hallo Günstige Kredite");
        }

        @Test
        void honeypotLooksLikeSuccessButStoresNothing() throws Exception {
            var r = post("/subscribe", signup("bot@example.org") + "&website=http%3A%2F%2Fspam.example");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("bot@example.org"))).isEmpty();
        }
    }

    @Test
    void publicPagesCannotBeFramedOrSniffedAndMemberPagesAreNeverCached() throws Exception {
        var form = get("/subscribe", "de");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("default-src 'none'");
        assertThat(form.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(form.headers().firstValue("Cache-Control")).isEmpty();

        Subscriber s = f.service.addConfirmed(f.person("privat@example.org"), null);
        var page = get(f.tokens.preferencesUrl(s), "de");
        assertThat(page.body()).contains("privat@example.org");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void preferencesPageShowsAndSavesChoicesInTheMembersLanguage() throws Exception {
        var person = f.app.subscriberChoices.subscriber("pref@example.org", "Ann", "en", List.of("verein"), "weekly");
        Subscriber s = f.service.addConfirmed(person, null);
        String url = f.tokens.preferencesUrl(s);

        var page = get(url, "de");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\">").contains("value=\"pref@example.org\"")
                .contains("value=\"verein\" checked");

        var saved = post(url, form(Map.of("email", "pref@example.org", "name", "Ann B.", "cadence", "daily",
                "language", "en")) + "&topics=termine");
        assertThat(saved.statusCode()).isEqualTo(200);
        Subscriber after = stored("pref@example.org");
        assertThat(after.name()).isEqualTo("Ann B.");
        assertThat(after.cadence().id()).isEqualTo("daily");
        assertThat(after.topics()).containsExactly("termine");
    }
}
