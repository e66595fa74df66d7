package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Role;
import org.rundbrief.article.Article;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Mailbox;

/** Posts written in the browser by an editor: Markdown cleaned like collected HTML, edited without re-sending, deleted. */
class ArticlePagesTest extends SignedInAdmin {

    ArticlePagesTest() {
        super("redaktion@example.org", Role.EDITOR, "Redaktion-2026");
    }

    private Article only() {
        return h.app.articles.recent(10, Optional.empty()).get(0);
    }

    @Test
    void anEditorWritesAPostInMarkdownWhichIsCleanedAndReachesTheFeedAndCanBeEditedAndDeleted() throws Exception {
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        AdminHarness.Page saved = h.page("POST", "/admin/articles", session, form("csrf", token,
                "title", "Sommerfest am Sonnenhang", "author", "Jörg Groß", "body",
                "Wir **feiern** am Samstag.\n\n<script>alert('x')</script>\n\n- Grillen\n- Gießen",
                "topics", "verein", "language", "de", "publishedAt", "2026-03-01T18:30"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Article post = only();
        assertThat(post.contentHtml()).contains("<strong>feiern</strong>", "<li>Grillen</li>").doesNotContain("script", "alert");
        assertThat(post.author()).isEqualTo("Jörg Groß");
        assertThat(post.topics()).containsExactly("verein");
        assertThat(post.publishedAt()).isEqualTo(java.time.Instant.parse("2026-03-01T17:30:00Z"));
        assertThat(h.page("GET", "/admin/articles", session, null).body()).contains("Sommerfest am Sonnenhang");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> h.page("GET", "/feed.rss", null, null).body().contains("Sommerfest am Sonnenhang"));

        AdminHarness.Page edited = h.page("POST", "/admin/articles/" + post.id(), session, form("csrf", token,
                "title", "Sommerfest verschoben", "body", "Neuer Termin folgt.", "language", "de"));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(only().title()).isEqualTo("Sommerfest verschoben");
        assertThat(only().id()).isEqualTo(post.id());
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        AdminHarness.Page noTitle = h.page("POST", "/admin/articles/" + post.id(), session, form("csrf", token, "title", " "));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(only().title()).isEqualTo("Sommerfest verschoben");
        assertThat(h.page("POST", "/admin/articles/" + post.id() + "/delete", session, form("csrf", "falsch")).status())
                .isEqualTo(403);
        assertThat(h.page("POST", "/admin/articles/" + post.id() + "/delete", session, form("csrf", token)).status())
                .isEqualTo(302);
        assertThat(h.app.articles.recent(10, Optional.empty())).isEmpty();
        assertThat(h.app.audit.recent(10)).extracting(e -> e.action() + " " + e.actor())
                .contains("article.create redaktion@example.org", "article.update redaktion@example.org",
                        "article.delete redaktion@example.org");
    }

    @Test
    void aCollectedArticleWithoutADateIsMarkedUndatedInTheList() throws Exception {
        h.app.articles.inTransaction(() -> {
            var writer = h.app.articles.writer("feed:verein", true);
            writer.upsert(new org.rundbrief.article.ArticleDraft("ohne", "Ohne Datum", null, null, null, "<p>x</p>", "x",
                    null, "de", java.util.List.of(), null, "h1"));
            writer.flush();
            return null;
        });
        h.api("POST", "/api/articles", "{\"title\":\"Von Hand ohne Datum\",\"html\":\"<p>y</p>\"}");

        String list = h.page("GET", "/admin/articles", session, null).body();

        assertThat(list).contains("id=\"undated-" + h.app.articles.bySlug("ohne-datum").orElseThrow().id() + "\"")
                .contains("ohne Datum: Die Quelle nannte keins");
        assertThat(h.app.articles.bySlug("von-hand-ohne-datum").orElseThrow().undated()).as("a post by hand is dated now").isFalse();
        assertThat(list.split("id=\"undated-", -1)).hasSize(2);
    }

    @Test
    void aHiddenArticleLeavesTheFeedsTheArchiveAndTheNextEditionUntilShownAgainAndAuthorsSignTheirPosts() throws Exception {
        h.seedDailyEdition(); // three daily members and the post "Sommerfest am Sonnenhang"
        Article summer = only();
        String token = csrf(h.page("GET", "/admin/articles", session, null).body());
        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Arbeitseinsatz im Garten",
                "author", "Jörg Groß", "body", "Wir schneiden die Hecke.", "language", "de", "topics", "verein")).status())
                .isEqualTo(302);
        h.clock.advance(Duration.ofMinutes(1));

        assertThat(h.page("POST", "/admin/articles/" + summer.id() + "/hide", session, form("csrf", token)).status()).isEqualTo(302);
        assertThat(h.page("GET", "/admin/articles", session, null).body()).contains("id=\"show-" + summer.id() + "\"", "verborgen");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !h.page("GET", "/feed.rss", null, null).body().contains("Sommerfest"));
        assertThat(h.page("GET", "/feed.rss", null, null).body()).contains("Arbeitseinsatz im Garten");
        assertThat(h.page("GET", "/articles/" + summer.slug(), null, null).status()).isEqualTo(404);
        assertThat(h.page("GET", "/", null, null).body()).doesNotContain("Sommerfest").contains("von Jörg Groß");

        String publisher = h.login("", AdminHarness.TOKEN);
        String publisherToken = csrf(h.page("GET", "/admin", publisher, null).body());
        AdminHarness.Page edition = h.page("POST", "/admin/editions", publisher, form("csrf", publisherToken, "cadence", "daily"));
        assertThat(edition.status()).isEqualTo(302);
        String preview = h.page("GET", edition.location(), publisher, null).body();
        assertThat(preview).contains("Arbeitseinsatz im Garten", "von Jörg Groß").doesNotContain("Sommerfest");

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.page("POST", "/admin/articles/" + summer.id() + "/show", session, form("csrf", token)).status()).isEqualTo(302);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.page("GET", "/feed.rss", null, null).body().contains("Sommerfest"));
        assertThat(h.page("GET", "/articles/" + summer.slug(), null, null).status()).isEqualTo(200);
        assertThat(h.app.audit.recent(10)).extracting(e -> e.action() + " " + e.actor())
                .contains("article.hide redaktion@example.org", "article.show redaktion@example.org");
        assertThat(h.page("POST", "/admin/articles/999999/hide", session, form("csrf", token)).status()).isEqualTo(404);
    }

    @Test
    void thePreviewShowsThePostCleanedAsItWillBeStoredAndStoresNothing() throws Exception {
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        AdminHarness.Page preview = h.page("POST", "/admin/articles/preview", session, form("csrf", token,
                "title", "Sommerfest", "author", "Jörg Groß", "body", "Wir **feiern**.\n\n<script>alert('x')</script>",
                "topics", "verein", "language", "de"));
        assertThat(preview.status()).isEqualTo(200);
        String section = preview.body().substring(preview.body().indexOf("id=\"preview\""));
        assertThat(section).contains("<strong>feiern</strong>", "von Jörg Groß").doesNotContain("<script", "alert");
        assertThat(preview.body()).contains("value=\"Sommerfest\"", "Wir **feiern**.");
        assertThat(h.app.articles.recent(10, Optional.empty())).isEmpty();
        assertThat(h.page("POST", "/admin/articles/preview", session, form("csrf", token, "title", "")).status()).isEqualTo(400);
    }

    @Test
    void aDraftIsShownNowhereUntilItIsPublished() throws Exception {
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Jahresbericht (Entwurf)",
                "body", "Noch nicht fertig.", "language", "de", "state", "draft")).status()).isEqualTo(302);
        Article draft = h.app.articles.recentForDesk(10).get(0);
        assertThat(draft.hidden()).isTrue();
        assertThat(h.app.articles.recent(10, Optional.empty())).as("no public list has it").isEmpty();
        assertThat(h.page("GET", "/feed.rss", null, null).body()).doesNotContain("Jahresbericht");
        assertThat(h.page("GET", "/articles/" + draft.slug(), null, null).status()).isEqualTo(404);
        assertThat(h.page("GET", "/admin/articles/" + draft.id(), session, null).body())
                .contains("<option value=\"draft\" selected>");

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.page("POST", "/admin/articles/" + draft.id(), session, form("csrf", token, "title", "Jahresbericht",
                "body", "Fertig.", "language", "de", "state", "published")).status()).isEqualTo(302);
        assertThat(only().hidden()).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> h.page("GET", "/feed.rss", null, null).body().contains("Jahresbericht"));
    }

    private Article titled(String title) {
        return h.app.articles.recentForDesk(50).stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
    }

    /** The time as the form's datetime-local field sends it, in site.timezone. */
    private String local(Instant at) {
        return LocalDateTime.ofInstant(at, h.app.config.site().zone()).toString();
    }

    /** The text parts of the digests that mention {@code words}, by recipient. */
    private java.util.Map<String, Long> digestsMentioning(String words) {
        return Arrays.stream(h.mail.getReceivedMessages()).filter(m -> Mailbox.text(m).contains(words))
                .collect(java.util.stream.Collectors.groupingBy(Mailbox::recipient, java.util.stream.Collectors.counting()));
    }

    @Test
    void aPostScheduledAFewSecondsAheadAppearsByItselfInFeedArchiveAndTheNextDigestAndNotBefore() throws Exception {
        h.seedDailyEdition(); // three daily members and the post "Sommerfest am Sonnenhang"
        h.app.scheduledPosts.start(); // as serve does
        h.clock.run();
        Instant at = h.clock.instant().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String trip = "Vereinsausflug nach Bamberg";
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());

        AdminHarness.Page saved = h.page("POST", "/admin/articles", session, form("csrf", token, "title", trip,
                "body", "Abfahrt um **8 Uhr** am Rathaus.", "language", "de", "topics", "verein", "publishedAt", local(at)));

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.location()).contains("notice=scheduled");
        Article post = titled(trip);
        assertThat(post.publishAt()).isEqualTo(at);
        assertThat(post.hidden()).isTrue();
        assertThat(h.page("GET", "/admin/articles", session, null).body())
                .contains("id=\"state-" + post.id() + "\">geplant für ", "Jetzt veröffentlichen");
        assertThat(h.page("GET", "/feed.rss", null, null).body()).contains("Sommerfest").doesNotContain(trip);
        assertThat(h.page("GET", "/", null, null).body()).doesNotContain(trip);
        assertThat(h.page("GET", "/topics/verein", null, null).body()).doesNotContain(trip);
        assertThat(h.page("GET", "/articles/" + post.slug(), null, null).status()).isEqualTo(404);
        h.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));
        assertThat(h.clock.instant()).as("the first digest was made before the post's time").isBefore(at);
        assertThat(digestsMentioning("Sommerfest")).hasSize(3);
        assertThat(digestsMentioning(trip)).as("not in the digest before its time").isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            boolean shown = h.page("GET", "/feed.rss", null, null).body().contains(trip);
            if (shown) {
                assertThat(h.clock.instant()).as("not in the feed before its time").isAfterOrEqualTo(at);
            }
            return shown;
        });
        assertThat(h.page("GET", "/", null, null).body()).contains(trip);
        assertThat(h.page("GET", "/topics/verein", null, null).body()).contains(trip);
        assertThat(h.page("GET", "/articles/" + post.slug(), null, null).status()).isEqualTo(200);
        Article published = titled(trip);
        assertThat(published.hidden()).isFalse();
        assertThat(published.publishAt()).isNull();
        assertThat(published.publishedAt()).as("dated at its time").isEqualTo(at);
        assertThat(published.collectedAt()).as("new for digests when it went public, not when written").isAfterOrEqualTo(at);

        h.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));
        h.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30));
        assertThat(digestsMentioning(trip)).as("every member gets it once, in the next digest")
                .containsOnlyKeys("anna@example.org", "joerg@example.net", "chris@example.com").containsValues(1L).doesNotContainValue(2L);
        assertThat(h.mail.getReceivedMessages()).hasSize(6);
    }

    @Test
    void aScheduledPostCanBeChangedOrUnscheduledBeforeItsTimeAndABadTimeStoresNothing() throws Exception {
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Mitgliederversammlung",
                "body", "Einladung folgt.", "language", "de", "publishedAt", "2026-03-02T10:00")).status()).isEqualTo(302);
        Article planned = titled("Mitgliederversammlung");
        assertThat(planned.publishAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(h.page("GET", "/admin/articles/" + planned.id(), session, null).body()).contains("value=\"2026-03-02T10:00\"");
        assertThat(h.page("GET", "/admin/articles", session, null).body()).contains("geplant für 2026-03-02 10:00");

        AdminHarness.Page moved = h.page("POST", "/admin/articles/" + planned.id(), session, form("csrf", token,
                "title", "Mitgliederversammlung 2026", "body", "Einladung anbei.", "language", "de", "publishedAt", "2026-03-02T12:00:30"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(302);
        assertThat(titled("Mitgliederversammlung 2026").publishAt()).isEqualTo(Instant.parse("2026-03-02T11:00:30Z"));

        for (String bad : new String[] {"nächsten Dienstag", "2026-13-01T10:00", "2026-03-12"}) {
            AdminHarness.Page refused = h.page("POST", "/admin/articles/" + planned.id(), session, form("csrf", token,
                    "title", "Falsch", "body", "x", "language", "de", "publishedAt", bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("„Veröffentlichen am“ ist kein Zeitpunkt");
            AdminHarness.Page notCreated = h.page("POST", "/admin/articles", session, form("csrf", token,
                    "title", "Falsch", "body", "x", "language", "de", "publishedAt", bad));
            assertThat(notCreated.status()).as(bad).isEqualTo(400);
        }
        assertThat(h.app.articles.recentForDesk(50)).extracting(Article::title).containsExactly("Mitgliederversammlung 2026");
        assertThat(titled("Mitgliederversammlung 2026").publishAt()).isEqualTo(Instant.parse("2026-03-02T11:00:30Z"));

        assertThat(h.page("POST", "/admin/articles/" + planned.id(), session, form("csrf", token, "title", "Mitgliederversammlung 2026",
                "body", "Einladung anbei.", "language", "de", "publishedAt", "2026-03-02T12:00", "state", "draft")).status()).isEqualTo(302);
        Article unscheduled = titled("Mitgliederversammlung 2026");
        assertThat(unscheduled.publishAt()).isNull();
        assertThat(unscheduled.hidden()).isTrue();
        assertThat(h.page("GET", "/admin/articles", session, null).body()).contains("id=\"state-" + planned.id() + "\">Entwurf<");
        h.clock.advance(Duration.ofHours(6));
        assertThat(h.app.articles.publishDue(100)).as("unscheduled: its old time passes unnoticed").isEmpty();

        assertThat(h.page("POST", "/admin/articles/" + planned.id() + "/show", session, form("csrf", token)).status()).isEqualTo(302);
        Article shown = titled("Mitgliederversammlung 2026");
        assertThat(shown.hidden()).isFalse();
        assertThat(shown.collectedAt()).as("new for digests from when it went public").isEqualTo(h.clock.instant());

        AdminHarness.Page again = h.page("POST", "/admin/articles/" + planned.id(), session, form("csrf", token,
                "title", "Noch einmal", "body", "x", "language", "de", "publishedAt", "2026-05-01T10:00"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("schon veröffentlicht");
        assertThat(titled("Mitgliederversammlung 2026").hidden()).isFalse();
        assertThat(titled("Mitgliederversammlung 2026").collectedAt()).isEqualTo(shown.collectedAt());
    }

    @Test
    void aNewPostWithATimeThatHasPassedIsPublicAtOnceWithThatDateAndNewForDigestsNow() throws Exception {
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Bericht vom Frühjahrsputz",
                "body", "Es war schön.", "language", "de", "publishedAt", "2026-02-28T10:00")).status()).isEqualTo(302);
        Article report = titled("Bericht vom Frühjahrsputz");
        assertThat(report.hidden()).isFalse();
        assertThat(report.publishAt()).isNull();
        assertThat(report.publishedAt()).isEqualTo(Instant.parse("2026-02-28T09:00:00Z"));
        assertThat(report.collectedAt()).isEqualTo(h.clock.instant());
    }

    @Test
    void theEditFormShowsTheMarkdownTheAuthorWroteAndSavingItAgainKeepsTheRendering() throws Exception {
        String markdown = "Wir **feiern** am Samstag – mit \"Grill\" & <em>Musik</em>.\n\n- Grillen\n- Gießen\n\n[Anfahrt](https://example.org/weg)";
        String token = csrf(h.page("GET", "/admin/articles/new", session, null).body());
        assertThat(h.page("POST", "/admin/articles", session, form("csrf", token, "title", "Sommerfest", "body", markdown,
                "language", "de")).status()).isEqualTo(302);
        Article post = only();

        String page = h.page("GET", "/admin/articles/" + post.id(), session, null).body();
        String field = page.substring(page.indexOf('>', page.indexOf("<textarea name=\"body\"")) + 1, page.indexOf("</textarea>"));
        String shown = field.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        assertThat(shown).isEqualTo(markdown);
        assertThat(field).doesNotContain("<strong>", "&lt;strong&gt;", "&lt;li&gt;");

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.page("POST", "/admin/articles/" + post.id(), session, form("csrf", token, "title", "Sommerfest",
                "body", shown, "language", "de")).status()).isEqualTo(302);
        assertThat(only().contentHtml()).isEqualTo(post.contentHtml());
        assertThat(only().markdown()).isEqualTo(markdown);
        assertThat(h.api("GET", "/api/articles", null).body()).contains("<strong>feiern</strong>");
    }
}
