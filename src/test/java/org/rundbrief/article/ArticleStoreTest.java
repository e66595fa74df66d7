package org.rundbrief.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.collect.ContentCleaner;
import org.rundbrief.collect.TestWorld;

class ArticleStoreTest {
    @TempDir
    java.nio.file.Path dir;
    TestWorld world;
    ArticleStore store;

    @BeforeEach
    void open() {
        world = TestWorld.create(dir, "");
        store = world.store;
    }

    @AfterEach
    void close() {
        world.close();
    }

    static ArticleDraft draft(String guid, String title, String body, Instant published, String... topics) {
        return new ArticleDraft(guid, title, "https://example.org/" + guid, "Autor", "Kurz", "<p>" + body + "</p>", body,
                null, "de", List.of(topics), published, ContentCleaner.sha256(title, body, published.toString(),
                String.join(",", topics)));
    }

    static final Instant T1 = Instant.parse("2026-04-01T08:00:00Z");

    @Nested
    class Upserting {
        @Test
        void newArticleGetsCollectedAndUpdatedAtNow() {
            assertThat(store.upsert("feed:x", draft("a", "Wasser marsch", "Text", T1, "verein"))).isEqualTo(Upsert.NEW);
            Article a = store.recent(10, Optional.empty()).get(0);
            assertThat(a.collectedAt()).isEqualTo(world.clock.instant());
            assertThat(a.updatedAt()).isEqualTo(world.clock.instant());
            assertThat(a.publishedAt()).isEqualTo(T1);
            assertThat(a.topics()).containsExactly("verein");
        }

        @Test
        void sameContentWritesNothing() {
            store.upsert("feed:x", draft("a", "Titel", "Text", T1));
            world.clock.advance(Duration.ofHours(1));
            assertThat(store.upsert("feed:x", draft("a", "Titel", "Text", T1))).isEqualTo(Upsert.UNCHANGED);
            assertThat(store.version().lastUpdated()).isEqualTo(world.clock.instant().minus(Duration.ofHours(1)));
        }

        @Test
        void changedContentUpdatesInPlaceAndKeepsCollectedAtAndSlug() {
            Instant first = world.clock.instant();
            store.upsert("feed:x", draft("a", "Alter Titel", "Text", T1, "verein"));
            world.clock.advance(Duration.ofHours(2));
            assertThat(store.upsert("feed:x", draft("a", "Neuer Titel", "Text 2", T1, "termine"))).isEqualTo(Upsert.UPDATED);
            List<Article> all = store.recent(10, Optional.empty());
            assertThat(all).hasSize(1);
            Article a = all.get(0);
            assertThat(a.title()).isEqualTo("Neuer Titel");
            assertThat(a.slug()).isEqualTo("alter-titel");
            assertThat(a.topics()).containsExactly("termine");
            assertThat(a.collectedAt()).isEqualTo(first);
            assertThat(a.updatedAt()).isEqualTo(world.clock.instant());
        }

        @Test
        void sameGuidInAnotherSourceIsAnotherArticle() {
            store.upsert("feed:x", draft("a", "Titel", "Text", T1));
            assertThat(store.upsert("feed:y", draft("a", "Titel", "Text", T1))).isEqualTo(Upsert.NEW);
            assertThat(store.version().count()).isEqualTo(2);
        }

        @Test
        void missingDateUsesCollectionTimeAndThenKeepsIt() {
            ArticleDraft undated = new ArticleDraft("u", "Ohne Datum", null, null, null, "<p>x</p>", "x", null, "de",
                    List.of(), null, "h1");
            store.upsert("feed:x", undated);
            Instant collected = world.clock.instant();
            world.clock.advance(Duration.ofDays(1));
            store.upsert("feed:x", new ArticleDraft("u", "Ohne Datum!", null, null, null, "<p>x</p>", "x", null, "de",
                    List.of(), null, "h2"));
            assertThat(store.bySlug("ohne-datum").orElseThrow().publishedAt()).isEqualTo(collected);
        }
    }

    @Nested
    class Slugs {
        @Test
        void germanLettersAreTransliterated() {
            store.upsert("s", draft("1", "Grüße aus Köln: Straßenfest & Ärger „heute“", "x", T1));
            assertThat(store.recent(1, Optional.empty()).get(0).slug()).isEqualTo("gruesse-aus-koeln-strassenfest-aerger-heute");
        }

        @Test
        void otherAccentsAreDropped() {
            assertThat(org.rundbrief.article.Slugs.of("Partnerschaft mit Świnoujście & Třeboň – Łódź")).isEqualTo(
                    "partnerschaft-mit-swinoujscie-trebon-lodz");
        }

        @Test
        void clashesGetNumberedSuffixes() {
            store.upsert("s", draft("1", "Sommerfest", "x", T1));
            store.upsert("s", draft("2", "Sommerfest", "y", T1));
            store.upsert("s", draft("3", "Sommerfest!", "z", T1));
            assertThat(store.bySlug("sommerfest")).isPresent();
            assertThat(store.bySlug("sommerfest-2").orElseThrow().guid()).isEqualTo("2");
            assertThat(store.bySlug("sommerfest-3").orElseThrow().guid()).isEqualTo("3");
        }

        @Test
        void clashesWithinOneQueuedBatchOfASourceWriterAreNumberedTooAndTopicsFollowTheirArticle() {
            List<Upsert> results = store.inTransaction(() -> {
                ArticleStore.SourceWriter writer = store.writer("s", true);
                List<Upsert> r = List.of(writer.upsert(draft("1", "Sommerfest", "x", T1, "verein")),
                        writer.upsert(draft("2", "Sommerfest", "y", T1)),
                        writer.upsert(draft("3", "Sommerfest", "z", T1, "garten", "verein")));
                writer.flush();
                return r;
            });
            assertThat(results).containsOnly(Upsert.NEW);
            assertThat(store.bySlug("sommerfest").orElseThrow().topics()).containsExactly("verein");
            assertThat(store.bySlug("sommerfest-2").orElseThrow().topics()).isEmpty();
            assertThat(store.bySlug("sommerfest-3").orElseThrow().topics()).containsExactly("garten", "verein");
        }

        @Test
        void titleWithoutLettersStillGetsASlug() {
            assertThat(org.rundbrief.article.Slugs.of("😀 !!!")).isEqualTo("artikel");
        }
    }

    @Nested
    class Reading {
        @BeforeEach
        void fill() {
            for (int i = 1; i <= 5; i++) {
                store.upsert("s", draft("g" + i, "Artikel " + i, "Text " + i, T1.plus(Duration.ofDays(i)),
                        i % 2 == 0 ? new String[] {"termine", "verein"} : new String[] {"verein"}));
            }
            // two articles published at the same instant: ids decide the order
            store.upsert("s", draft("same", "Gleichzeitig", "x", T1.plus(Duration.ofDays(5))));
        }

        @Test
        void recentIsNewestPublishedFirstWithTopics() {
            List<Article> recent = store.recent(3, Optional.empty());
            assertThat(recent).extracting(Article::title).containsExactly("Gleichzeitig", "Artikel 5", "Artikel 4");
            assertThat(recent.get(2).topics()).containsExactly("termine", "verein");
        }

        @Test
        void recentFiltersByTopic() {
            assertThat(store.recent(10, Optional.of("termine"))).extracting(Article::title)
                    .containsExactly("Artikel 4", "Artikel 2");
        }

        @Test
        void keysetPagesWalkEverythingOnceInOrder() {
            List<String> seen = new ArrayList<>();
            List<Article> page = store.recent(2, Optional.empty());
            while (!page.isEmpty()) {
                page.forEach(a -> seen.add(a.title()));
                Article last = page.get(page.size() - 1);
                page = store.page(last.publishedAt(), last.id(), 2, Optional.empty());
            }
            assertThat(seen).containsExactly("Gleichzeitig", "Artikel 5", "Artikel 4", "Artikel 3", "Artikel 2", "Artikel 1");
        }

        @Test
        void pagesFilterByTopic() {
            Article first = store.recent(1, Optional.of("termine")).get(0);
            assertThat(store.page(first.publishedAt(), first.id(), 10, Optional.of("termine")))
                    .extracting(Article::title).containsExactly("Artikel 2");
        }

        @Test
        void byIdsKeepsTheGivenOrderAndSkipsUnknownIds() {
            List<Article> recent = store.recent(3, Optional.empty());
            List<Article> picked = store.byIds(List.of(recent.get(2).id(), 999L, recent.get(0).id()));
            assertThat(picked).extracting(Article::id).containsExactly(recent.get(2).id(), recent.get(0).id());
        }

        @Test
        void bySlugAndById() {
            Article a = store.bySlug("artikel-2").orElseThrow();
            assertThat(store.byId(a.id())).contains(a);
            assertThat(store.bySlug("gibt-es-nicht")).isEmpty();
        }

        @Test
        void versionCountsAndMovesWithUpdates() {
            ArticleStore.Version before = store.version();
            assertThat(before.count()).isEqualTo(6);
            world.clock.advance(Duration.ofMinutes(5));
            store.upsert("s", draft("g1", "Artikel 1 (neu)", "Text", T1));
            assertThat(store.version().lastUpdated()).isAfter(before.lastUpdated());
        }

        @Test
        void forEachStreamsEveryArticleOnceWithItsTopics() {
            List<Article> all = new ArrayList<>();
            store.forEach(all::add);
            assertThat(all).hasSize(6);
            assertThat(all.stream().filter(a -> a.title().equals("Artikel 2")).findFirst().orElseThrow().topics())
                    .containsExactly("termine", "verein");
        }
    }

    @Nested
    class SourceNotes {
        static final SourceNote REFUSED = SourceNote.of("connectionRefused", "connection refused by {host}:{port} ({url})",
                "host", "verein.example.org", "port", 443, "url", "https://verein.example.org/");

        @Test
        void anErrorAndWarningsKeepTheirKindsAndValuesBesideTheEnglishText() {
            SourceNote body = SourceNote.of("bodyMissing", "body selector '{selector}' matched nothing", "selector", ".inhalt");
            store.sourceSucceeded("html:x", ArticleStore.SourceState.NONE, 2, List.of(body, body));
            store.sourceFailed("html:x", REFUSED);

            ArticleStore.SourceStatus status = store.sourceStatus("html:x").orElseThrow();
            assertThat(status.lastError()).isEqualTo("connection refused by verein.example.org:443 (https://verein.example.org/)");
            assertThat(status.errorNotes()).containsExactly(REFUSED);
            assertThat(status.lastWarning()).isEqualTo("body selector '.inhalt' matched nothing; body selector '.inhalt' matched nothing");
            assertThat(status.warningNotes()).containsExactly(body, body);
            assertThat(status.warningNotes().get(0).messageKey()).isEqualTo("admin.sources.note.bodyMissing");

            store.sourceSucceeded("html:x", ArticleStore.SourceState.NONE, 2, List.of());
            assertThat(store.sourceStatus("html:x").orElseThrow()).satisfies(s -> {
                assertThat(s.errorNotes()).isEmpty();
                assertThat(s.warningNotes()).isEmpty();
            });
        }

        @Test
        void aRowWrittenBeforeThereWereNotesGivesItsTextAsAPlainNote() {
            store.sourceFailed("feed:old", REFUSED);
            world.database.jdbc().update("UPDATE source SET last_error = ?, last_error_note = NULL, last_warning = ? WHERE source_key = ?",
                    "HTTP 500 from https://alt.example.org/", "date selector '.datum' matched nothing", "feed:old");

            ArticleStore.SourceStatus status = store.sourceStatus("feed:old").orElseThrow();
            assertThat(status.errorNotes()).containsExactly(SourceNote.plain("HTTP 500 from https://alt.example.org/"));
            assertThat(status.warningNotes()).containsExactly(SourceNote.plain("date selector '.datum' matched nothing"));
            assertThat(status.errorNotes().get(0).messageKey()).isNull();
        }

        @Test
        void asManyWarningsAreKeptAsFitTheColumnAndLongValuesAreCut() {
            List<SourceNote> many = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                many.add(SourceNote.of("unknownTopic", "article '{title}' names topic '{topics}'", "title", "T".repeat(1000) + i,
                        "topics", "sport"));
            }
            store.sourceSucceeded("directory:x", ArticleStore.SourceState.NONE, 40, many);

            List<SourceNote> kept = store.sourceStatus("directory:x").orElseThrow().warningNotes();
            assertThat(kept).hasSizeBetween(2, 39);
            assertThat(kept.get(0).values().get("title")).hasSize(500).endsWith("…");
            assertThat(kept.get(0).values()).containsEntry("topics", "sport");
        }
    }

    @Nested
    class ScheduledPosts {
        @Test
        void twoNodesLookingAtOnceMakeEachDuePostPublicExactlyOnceAndNewFromThatMoment() throws Exception {
            Instant written = world.clock.instant();
            for (int i = 0; i < 40; i++) {
                store.upsert("manual", draft("p" + i, "Geplant " + i, "Text", T1));
            }
            List<Article> posts = store.recentForDesk(100);
            List<Long> due = new ArrayList<>();
            for (Article p : posts) {
                boolean soon = Integer.parseInt(p.guid().substring(1)) % 2 == 0;
                store.setPostState(p.id(), "Text", true, true, written.plus(Duration.ofMinutes(soon ? 1 : 60)));
                if (soon) {
                    due.add(p.id());
                }
            }
            assertThat(store.publishDue(100)).as("nothing is due yet").isEmpty();
            world.clock.advance(Duration.ofMinutes(2));
            ArticleStore otherNode = new ArticleStore(world.database.jdbc(), world.clock);

            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<Long> published = new ArrayList<>();
            try {
                for (int round = 0; round < 3; round++) {
                    var start = new java.util.concurrent.CountDownLatch(1);
                    var a = pool.submit(() -> { start.await(); return store.publishDue(7); });
                    var b = pool.submit(() -> { start.await(); return otherNode.publishDue(7); });
                    start.countDown();
                    published.addAll(a.get());
                    published.addAll(b.get());
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(published).as("each due post once, on one node").containsExactlyInAnyOrderElementsOf(due);
            for (Article p : store.recentForDesk(100)) {
                if (due.contains(p.id())) {
                    assertThat(p.hidden()).isFalse();
                    assertThat(p.scheduled()).isFalse();
                    assertThat(p.collectedAt()).as("new for digests from when it went public").isEqualTo(world.clock.instant());
                    assertThat(p.publishedAt()).isEqualTo(written.plus(Duration.ofMinutes(1)));
                } else {
                    assertThat(p.hidden()).isTrue();
                    assertThat(p.publishAt()).isEqualTo(written.plus(Duration.ofMinutes(60)));
                    assertThat(p.collectedAt()).isEqualTo(written);
                }
            }
            assertThat(store.recent(100, Optional.empty())).hasSize(20);
        }
    }
}
