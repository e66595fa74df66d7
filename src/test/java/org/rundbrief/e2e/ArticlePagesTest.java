package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Role;
import org.rundbrief.article.Article;

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
}
