package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleStore;

/** Each source type collected over a real local HTTP server (or directory) with the shared samples. */
class CollectorTest {
    @TempDir
    Path dir;
    final CollectFixture fixture = new CollectFixture();
    final FixtureServer server = fixture.server;
    TestWorld world;

    @AfterEach
    void close() {
        fixture.close();
    }

    TestWorld world(String... sources) {
        world = fixture.world(dir, TestWorld.collect(5, 1_000_000), sources);
        return world;
    }

    Article only(String title) {
        return world.store.recent(1000, Optional.empty()).stream().filter(a -> a.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no article titled " + title));
    }

    @Nested
    class Rss {
        @Test
        void storesEveryItemWithContentAuthorDateAndAbsoluteImages() {
            server.resource("/rss.xml", "application/rss+xml", "feeds/verein-rss2.xml");
            CollectReport report = world("{ type: feed, url: \"" + server.url("/rss.xml") + "\", topics: [verein] }").collector.collectAll();

            assertThat(report.sources().get(0).line()).endsWith("new 2, updated 0, unchanged 0");
            Article wasser = only("Wasser wird am 3. April angestellt");
            assertThat(wasser.guid()).isEqualTo("news-2026-0401");
            assertThat(wasser.author()).isEqualTo("Vorstand");
            assertThat(wasser.publishedAt()).isEqualTo(Instant.parse("2026-04-01T05:15:00Z"));
            assertThat(wasser.contentHtml()).contains("<strong>Freitag, 3. April</strong>")
                    .contains("src=\"https://verein.example.org/media/wasser.jpg\"");
            assertThat(wasser.contentText()).contains("Bitte vorher alle Hähne in euren Parzellen schließen & Leitungen prüfen.");
            assertThat(wasser.summary()).isEqualTo("Die Hauptleitung wird am Freitag geöffnet – bitte Hähne schließen.");
            assertThat(wasser.language()).isEqualTo("de");
            assertThat(wasser.topics()).containsExactly("verein");
            assertThat(wasser.slug()).isEqualTo("wasser-wird-am-3-april-angestellt");
        }

        @Test
        void anItemWithoutADateIsStoredUndatedAndADatedOneIsNot() {
            server.bytes("/rss.xml", "application/rss+xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                    + "<channel><title>Verein</title><link>https://verein.example.org/</link>"
                    + "<item><title>Ohne Datum</title><guid>ohne</guid><description>Wann war das?</description></item>"
                    + "<item><title>Mit Datum</title><guid>mit</guid><pubDate>Tue, 14 Apr 2026 08:00:00 GMT</pubDate></item>"
                    + "</channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            world("{ type: feed, url: \"" + server.url("/rss.xml") + "\" }").collector.collectAll();

            assertThat(only("Ohne Datum").undated()).isTrue();
            assertThat(only("Ohne Datum").publishedAt()).as("the collection time").isEqualTo(world.clock.instant());
            assertThat(only("Mit Datum").undated()).isFalse();
        }

        @Test
        void relativeLinksInDescriptionsBecomeAbsolute() {
            server.resource("/rss.xml", "application/rss+xml", "feeds/verein-rss2.xml");
            world("{ type: feed, url: \"" + server.url("/rss.xml") + "\" }").collector.collectAll();
            assertThat(only("Arbeitseinsatz: Hecke am Hauptweg").contentHtml())
                    .contains("href=\"https://verein.example.org/termine\"");
        }
    }

    @Nested
    class ManyItems {
        /** More items than one chunk, in each kind of feed that places its items differently. */
        @ParameterizedTest
        @ValueSource(strings = {"rss2", "rss1", "atom"})
        void everyChunkOfALongFeedGetsTheChannelsLanguageAndBase(String kind) {
            int n = ArticleSource.CHUNK * 2 + 3;
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String body = "<p>Text " + i + " <a href=\"/termine/" + i + "\">Termin</a></p>";
                items.append(kind.equals("atom")
                        ? "<entry><title>Nr. " + i + "</title><id>urn:n:" + i + "</id><updated>2026-04-14T12:00:00Z</updated>"
                                + "<content type=\"html\"><![CDATA[" + body + "]]></content></entry>"
                        : kind.equals("rss1") ? "<item rdf:about=\"urn:n:" + i + "\"><title>Nr. " + i + "</title><link>urn:n:"
                                + i + "</link><content:encoded><![CDATA[" + body + "]]></content:encoded></item>"
                        : "<item><title>Nr. " + i + "</title><link>urn:n:" + i + "</link><description><![CDATA["
                                + body + "]]></description></item>");
            }
            String feed = switch (kind) {
                case "rss2" -> "<rss version=\"2.0\"><channel><title>t</title><link>https://verein.example.org/</link>"
                        + "<language>de</language>" + items + "</channel></rss>";
                case "rss1" -> "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel rdf:about=\"https://verein.example.org/\">"
                        + "<title>t</title><link>https://verein.example.org/</link><description>d</description>"
                        + "<dc:language>de</dc:language></channel>" + items + "</rdf:RDF>";
                default -> "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\"><title>t</title><id>urn:f</id>"
                        + "<updated>2026-04-14T12:00:00Z</updated><link rel=\"alternate\" href=\"https://verein.example.org/\"/>"
                        + items + "</feed>";
            };
            server.bytes("/long.xml", "application/xml", feed.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            CollectReport.SourceResult r = world("{ type: feed, url: \"" + server.url("/long.xml") + "\" }")
                    .collector.collectAll().sources().get(0);

            assertThat(r.line()).endsWith("new " + n + ", updated 0, unchanged 0");
            for (int i : new int[] {0, ArticleSource.CHUNK, n - 1}) {
                Article a = only("Nr. " + i);
                assertThat(a.language()).isEqualTo("de");
                assertThat(a.contentHtml()).contains("href=\"https://verein.example.org/termine/" + i + "\"");
            }
        }

        @Test
        void aStoreFailureWhileTheFeedIsStillBeingReadStopsTheReadAndStoresNothing() {
            StringBuilder items = new StringBuilder();
            int n = ArticleSource.CHUNK * 8;
            for (int i = 0; i < n; i++) {
                items.append("<item><title>").append(i == 1 ? "BOOM" : "Nr. " + i).append("</title><guid>g").append(i)
                        .append("</guid></item>");
            }
            server.bytes("/boom.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title>" + items
                    + "</channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            world("{ type: feed, url: \"" + server.url("/boom.xml") + "\" }");
            // The first chunk is stored while later chunks are still being parsed: its failure must end the parse.
            world.database.jdbc().execute("ALTER TABLE article ADD CONSTRAINT test_no_boom CHECK (title <> 'BOOM')");

            CollectReport.SourceResult r = world.collector.collectAll().sources().get(0);

            assertThat(r.error()).startsWith("internal error").containsIgnoringCase("test_no_boom");
            assertThat(world.store.version().count()).isZero();
        }

        @Test
        void aFeedThatBreaksAfterSeveralChunksStoresNoneOfThisFetchAndKeepsTheEarlierArticles() {
            byte[][] feed = {("<rss version=\"2.0\"><channel><title>t</title><item><title>Vorher</title><guid>v</guid>"
                    + "</item></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8)};
            server.on("/broken.xml", ex -> FixtureServer.send(ex, 200, "application/rss+xml", feed[0]));
            world("{ type: feed, url: \"" + server.url("/broken.xml") + "\" }").collector.collectAll();
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < ArticleSource.CHUNK * 3; i++) {
                items.append("<item><title>Neu ").append(i).append("</title><guid>n").append(i).append("</guid></item>");
            }
            // cut off in the middle of an item, as a dropped connection or a full disk upstream leaves it
            feed[0] = ("<rss version=\"2.0\"><channel><title>t</title>" + items + "<item><title>Halb")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            CollectReport.SourceResult r = world.collector.collectAll().sources().get(0);

            assertThat(r.failed()).isTrue();
            assertThat(r.error()).startsWith("not a valid feed: Invalid XML");
            assertThat(world.store.recent(1000, Optional.empty())).extracting(Article::title).containsExactly("Vorher");
            assertThat(world.store.sourceStatus(r.sourceKey()).orElseThrow().lastError()).isEqualTo(r.error());
        }

        @Test
        void itemsCleanedInParallelChunksAreStoredInFeedOrderAndDuplicatesAcrossChunksKeepTheFirst() {
            int n = ArticleSource.CHUNK * 5 + 7;
            int duplicateAt = ArticleSource.CHUNK * 3 + 1;
            StringBuilder items = new StringBuilder();
            Instant newest = Instant.parse("2026-04-14T12:00:00Z");
            for (int i = 0; i < n; i++) {
                String guid = i == duplicateAt ? "g1" : "g" + i;
                String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(newest.minus(Duration.ofMinutes(i)).atOffset(java.time.ZoneOffset.UTC));
                items.append("<item><title>Nr. ").append(i).append("</title><guid>").append(guid)
                        .append("</guid><pubDate>").append(date).append("</pubDate><description><![CDATA[<p>Text ")
                        .append(i).append(" <script>x()</script></p>]]></description></item>");
            }
            server.bytes("/many.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title>"
                    + "<link>https://verein.example.org/</link>" + items + "</channel></rss>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

            CollectReport.SourceResult r = world("{ type: feed, url: \"" + server.url("/many.xml") + "\" }")
                    .collector.collectAll().sources().get(0);

            assertThat(r.line()).contains("new " + (n - 1)).contains("duplicate guid 'g1' (kept the first)");
            List<Article> stored = new java.util.ArrayList<>();
            world.store.forEach(stored::add); // newest published first = feed order
            assertThat(stored).hasSize(n - 1);
            for (int k = 0; k < stored.size(); k++) {
                int i = k < duplicateAt ? k : k + 1;
                assertThat(stored.get(k).title()).isEqualTo("Nr. " + i);
                assertThat(stored.get(k).contentHtml()).isEqualTo("<p>Text " + i + " </p>");
                assertThat(stored.get(k).publishedAt()).isEqualTo(newest.minus(Duration.ofMinutes(i)));
                if (k > 0) {
                    assertThat(stored.get(k).id()).as("inserted in feed order").isGreaterThan(stored.get(k - 1).id());
                }
            }
        }
    }

    @Nested
    class Atom {
        @Test
        void readsXhtmlContentHtmlTitlesAndMapsCategoriesByLabel() {
            server.resource("/atom.xml", "application/atom+xml", "feeds/verein-atom.xml");
            world("{ type: feed, url: \"" + server.url("/atom.xml") + "\" }").collector.collectAll();
            Article a = only("Aufstieg perfekt: 3:1 gegen Grün&Gelb");
            assertThat(a.contentHtml()).contains("<em>3:1</em>");
            assertThat(a.author()).isEqualTo("Pressewart");
            assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-04-12T15:45:00Z"));
            assertThat(a.link()).isEqualTo("https://sv-blauweiss.example.org/news/aufstieg");
        }
    }

    @Nested
    class Languages {
        @Test
        void atomXmlLangAndRssLanguageAreUsedWhenTheSourceSaysNothing() {
            server.bytes("/en.xml", "application/atom+xml", ("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">"
                    + "<title>t</title><id>urn:x</id><updated>2026-04-12T18:00:00Z</updated><entry><title>Hello</title>"
                    + "<id>urn:1</id><updated>2026-04-12T18:00:00Z</updated><content type=\"html\">&lt;p&gt;Hi&lt;/p&gt;</content>"
                    + "</entry></feed>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            server.bytes("/pl.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title><language>pl-PL</language>"
                    + "<item><title>Cześć</title><guid>1</guid><enclosure url=\"/foto.jpg\" type=\"image/jpeg\" length=\"1\"/></item>"
                    + "</channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            world("{ type: feed, url: \"" + server.url("/en.xml") + "\" }", "{ type: feed, url: \"" + server.url("/pl.xml") + "\" }")
                    .collector.collectAll();
            assertThat(only("Hello").language()).isEqualTo("en");
            Article polish = only("Cześć");
            assertThat(polish.language()).isEqualTo("pl");
            assertThat(polish.imageUrl()).isEqualTo(server.url("/foto.jpg"));
        }
    }

    @Nested
    class Encodings {
        @Test
        void latin1IsReadAsWindows1252SoTheEnDashSurvives() {
            server.resource("/chor.xml", "application/rss+xml", "feeds/chor-latin1.xml");
            world("{ type: feed, url: \"" + server.url("/chor.xml") + "\" }").collector.collectAll();
            assertThat(only("Probe fällt aus – nächste Woche wieder").summary()).isEqualTo("Grüße vom Chorleiter");
        }

        @Test
        void httpCharsetWinsOverTheXmlDeclaration() {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                    + "<item><title>Übung</title><guid>1</guid></item></channel></rss>").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            server.bytes("/x.xml", "text/xml; charset=ISO-8859-1", body);
            world("{ type: feed, url: \"" + server.url("/x.xml") + "\" }").collector.collectAll();
            assertThat(world.store.recent(1, Optional.empty()).get(0).title()).isEqualTo("Übung");
        }
        /** What Rome's healer repairs is still repaired: HTML entities, a bare '&', a comment before the declaration. */
        @Test
        void htmlEntitiesABareAmpersandAndALeadingCommentAreHealed() {
            byte[] body = ("\n  <!-- generated -->\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                    + "<title>t</title><item><title>Gr&uuml;&szlig;e&nbsp;von Kaffee & Kuchen &amp; mehr &#8211; &#x2013;</title>"
                    + "<guid>1</guid></item></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            server.bytes("/x.xml", "application/rss+xml", body);
            world("{ type: feed, url: \"" + server.url("/x.xml") + "\" }").collector.collectAll();
            assertThat(world.store.recent(1, Optional.empty()).get(0).title())
                    .isEqualTo("Grüße von Kaffee & Kuchen & mehr – –");
        }
    }

    @Nested
    class ConditionalGet {
        @Test
        void secondCollectSendsTheValidatorsAndA304ChangesNothing() {
            byte[] feed = FixtureServer.load("feeds/verein-rss2.xml");
            server.on("/rss.xml", ex -> {
                String inm = ex.getRequestHeaders().getFirst("If-None-Match");
                ex.getResponseHeaders().set("ETag", "\"v1\"");
                ex.getResponseHeaders().set("Last-Modified", "Wed, 01 Apr 2026 05:15:00 GMT");
                if ("\"v1\"".equals(inm)) {
                    FixtureServer.send(ex, 304, null, new byte[0]);
                } else {
                    FixtureServer.send(ex, 200, "application/rss+xml", feed);
                }
            });
            world("{ type: feed, url: \"" + server.url("/rss.xml") + "\" }");
            world.collector.collectAll();
            ArticleStore.Version before = world.store.version();
            world.clock.advance(Duration.ofMinutes(15));

            CollectReport second = world.collector.collectAll();

            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(0).getFirst("If-None-Match")).isNull();
            assertThat(server.requests.get(1).getFirst("If-None-Match")).isEqualTo("\"v1\"");
            assertThat(server.requests.get(1).getFirst("If-Modified-Since")).isEqualTo("Wed, 01 Apr 2026 05:15:00 GMT");
            assertThat(server.requests.get(1).getFirst("User-Agent")).startsWith("rundbrief/");
            assertThat(second.sources().get(0).line()).endsWith("new 0, updated 0, unchanged 2");
            assertThat(world.store.version()).isEqualTo(before);
            assertThat(world.store.sourceStatus("feed:" + server.url("/rss.xml")).orElseThrow().lastSuccess())
                    .isEqualTo(world.clock.instant());
        }
    }

    @Nested
    class Updates {
        @Test
        void anEditedUpstreamItemIsUpdatedInPlaceAndKeepsCollectedAt() {
            String[] title = {"Erster Titel"};
            server.on("/rss.xml", ex -> FixtureServer.send(ex, 200, "application/rss+xml",
                    ("<rss version=\"2.0\"><channel><title>t</title><item><title>" + title[0] + "</title><guid>g1</guid>"
                            + "<pubDate>Wed, 01 Apr 2026 07:15:00 +0200</pubDate></item></channel></rss>").getBytes()));
            world("{ type: feed, url: \"" + server.url("/rss.xml") + "\" }");
            world.collector.collectAll();
            Instant firstSeen = world.clock.instant();
            world.clock.advance(Duration.ofHours(3));
            title[0] = "Korrigierter Titel";

            CollectReport report = world.collector.collectAll();

            assertThat(report.sources().get(0).line()).endsWith("new 0, updated 1, unchanged 0");
            Article a = only("Korrigierter Titel");
            assertThat(a.collectedAt()).isEqualTo(firstSeen);
            assertThat(a.updatedAt()).isEqualTo(world.clock.instant());
            assertThat(world.store.version().count()).isEqualTo(1);
        }

        @Test
        void itemsThatVanishUpstreamAreKept() {
            String[] items = {"<item><title>A</title><guid>a</guid></item><item><title>B</title><guid>b</guid></item>"};
            server.on("/rss.xml", ex -> FixtureServer.send(ex, 200, "application/rss+xml",
                    ("<rss version=\"2.0\"><channel><title>t</title>" + items[0] + "</channel></rss>").getBytes()));
            world("{ type: feed, url: \"" + server.url("/rss.xml") + "\" }").collector.collectAll();
            items[0] = "<item><title>B</title><guid>b</guid></item>";
            world.collector.collectAll();
            assertThat(world.store.version().count()).isEqualTo(2);
        }
    }

    @Nested
    class Directory {
        @Test
        void readsMarkdownWithFrontMatter() throws Exception {
            Path articles = dir.resolve("articles");
            Files.createDirectories(articles);
            for (String name : List.of("2026-03-02-jahreshauptversammlung.md", "2026-05-19-sommerfest.md",
                    "2026-06-01-office-hours.md", "2026-07-12-rueckblick.md")) {
                Files.write(articles.resolve(name), FixtureServer.load("articles/" + name));
            }
            world("{ type: directory, path: articles }").clock.advance(Duration.ofDays(120)); // after the newest sample
            CollectReport report = world.collector.collectAll();

            assertThat(report.sources().get(0).line()).isEqualTo("directory:articles new 4, updated 0, unchanged 0");
            Article jhv = only("Einladung zur Jahreshauptversammlung 2026");
            assertThat(jhv.guid()).isEqualTo("2026-03-02-jahreshauptversammlung.md");
            assertThat(jhv.author()).isEqualTo("Geschäftsstelle");
            assertThat(jhv.topics()).containsExactlyInAnyOrder("verein", "termine");
            assertThat(jhv.publishedAt()).isEqualTo(Instant.parse("2026-03-02T17:30:00Z"));
            assertThat(jhv.contentHtml()).contains("<strong>Jahreshauptversammlung</strong>").contains("<ol>");
            assertThat(jhv.summary()).startsWith("Am 14. März treffen wir uns im Gemeindesaal");
            Article office = only("New office hours from June");
            assertThat(office.language()).isEqualTo("en");
            assertThat(office.contentHtml()).contains("href=\"https://example.org/faq?lang=en&amp;section=fees\"");
            Article rueckblick = only("Rückblick: 25 Jahre Partnerschaft mit Świnoujście & Třeboň");
            assertThat(rueckblick.imageUrl()).isEqualTo("https://example.org/media/partnerschaft-2026.jpg");
            assertThat(rueckblick.contentText()).contains("ß ẞ € – — ‒ … « » ‹ › ‚").contains("😀 中文 العربية");
            assertThat(rueckblick.topics()).containsExactly("verein");

            assertThat(world.collector.collectAll().sources().get(0).line()).endsWith("new 0, updated 0, unchanged 4");
        }

        @Test
        void aTopicThatIsNotInTheConfigIsWarnedAboutNamingTheArticleAndTheTopic() throws Exception {
            Path articles = dir.resolve("articles");
            Files.createDirectories(articles);
            Files.writeString(articles.resolve("turnier.md"), "---\ntitle: Turnier\ntopics: [verein, Sport]\n---\nText");
            Files.writeString(articles.resolve("fest.md"), "---\ntitle: Fest\ntopics: [Vereinsleben]\n---\nText");
            CollectReport.SourceResult result = world("{ type: directory, path: articles }").collector.collectAll().sources().get(0);

            assertThat(result.warnings()).singleElement().asString()
                    .startsWith("article 'Turnier' (turnier.md) names topic 'Sport', which is not in the config (configured: verein,")
                    .endsWith("stored without it: add it to topics in the config or correct the article");
            assertThat(world.store.sourceStatus(result.sourceKey()).orElseThrow().lastWarning()).contains("topic 'Sport'");
            assertThat(only("Turnier").topics()).containsExactly("verein");
            assertThat(only("Fest").topics()).as("a label names the topic too").containsExactly("verein");
        }

        @Test
        void aBrokenFileIsSkippedWithItsNameAndTheOthersAreStored() throws Exception {
            Path articles = dir.resolve("articles");
            Files.createDirectories(articles);
            Files.writeString(articles.resolve("gut.md"), "---\ntitle: Gut\n---\nText");
            Files.writeString(articles.resolve("kaputt.md"), "---\ntitle: [unclosed\n---\nText");
            CollectReport report = world("{ type: directory, path: articles }").collector.collectAll();
            assertThat(report.sources().get(0).line()).contains("new 1").contains("skipped 1").contains("kaputt.md");
        }
    }

    @Nested
    class Isolation {
        @Test
        void oneBrokenSourceNeverStopsTheOthers() {
            server.resource("/rss.xml", "application/rss+xml", "feeds/verein-rss2.xml");
            server.on("/missing.xml", ex -> FixtureServer.send(ex, 404, "text/plain", "nope".getBytes()));
            CollectReport report = world("{ type: feed, url: \"" + server.url("/missing.xml") + "\" }",
                    "{ type: feed, url: \"" + server.url("/rss.xml") + "\" }").collector.collectAll();

            assertThat(report.sources().get(0).line()).contains("FAILED: HTTP 404");
            assertThat(report.sources().get(1).newCount()).isEqualTo(2);
            assertThat(report.foundNew()).isTrue();
            assertThat(report.allFailed()).isFalse();
            ArticleStore.SourceStatus status = world.store.sourceStatus("feed:" + server.url("/missing.xml")).orElseThrow();
            assertThat(status.lastError()).contains("HTTP 404");
            assertThat(status.lastSuccess()).isNull();
        }

        @Test
        void aStopEndsTheRunAfterTheSourceInHandAndLeavesTheRestUntouched() {
            byte[] rss = FixtureServer.load("feeds/verein-rss2.xml");
            server.on("/first.xml", ex -> {
                world.collector.stop(); // Ctrl-C while the first source is being fetched
                FixtureServer.send(ex, 200, "application/rss+xml", rss);
            });
            server.resource("/second.xml", "application/rss+xml", "feeds/verein-rss2.xml");
            CollectReport report = world("{ type: feed, url: \"" + server.url("/first.xml") + "\" }",
                    "{ type: feed, url: \"" + server.url("/second.xml") + "\" }").collector.collectAll();

            assertThat(report.sources()).hasSize(1);
            assertThat(report.sources().get(0).line()).endsWith("new 2, updated 0, unchanged 0");
            assertThat(report.stopped()).isTrue();
            assertThat(report.summary()).isEqualTo("2 sources: 1 collected, 0 failed, 1 not collected (stopped); 2 new articles");
            assertThat(server.requests).hasSize(1);
            assertThat(world.store.sourceStatus("feed:" + server.url("/second.xml"))).isEmpty();
        }
    }
}
