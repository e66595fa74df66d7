package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.article.Article;

/**
 * Untrusted sources (docs/ARCHITECTURE.md, "Untrusted input everywhere"): every hostile or broken answer gives a clear reason, crashes
 * nothing and stores nothing half-way.
 */
class HostileInputTest {
    @TempDir
    Path dir;
    final CollectFixture fixture = new CollectFixture();
    final FixtureServer server = fixture.server;
    TestWorld world;

    @AfterEach
    void close() {
        fixture.close();
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<link>https://verein.example.org/</link>" + items + "</channel></rss>";
    }

    CollectReport.SourceResult collect(String body) {
        return collect(body.getBytes(StandardCharsets.UTF_8), 5, 1_000_000);
    }

    CollectReport.SourceResult collect(byte[] body, int timeoutSeconds, long maxBytes) {
        server.bytes("/feed.xml", "application/rss+xml", body);
        return collectUrl(server.url("/feed.xml"), timeoutSeconds, maxBytes);
    }

    CollectReport.SourceResult collectUrl(String url, int timeoutSeconds, long maxBytes) {
        world = fixture.world(dir, TestWorld.collect(timeoutSeconds, maxBytes), "{ type: feed, url: \"" + url + "\" }");
        return world.collector.collectAll().sources().get(0);
    }

    Article single() {
        assertThat(world.store.version().count()).isEqualTo(1);
        return world.store.recent(1, Optional.empty()).get(0);
    }

    void nothingStored() {
        assertThat(world.store.version().count()).isZero();
    }

    @Nested
    class XmlAttacks {
        @Test
        void externalEntitiesAreRefused() {
            CollectReport.SourceResult r = collect("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    + "<rss version=\"2.0\"><channel><title>t</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>");
            assertThat(r.line()).contains("FAILED: not a valid feed: DOCTYPE declarations are refused");
            nothingStored();
        }

        @Test
        void entityExpansionBombIsRefusedQuickly() {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
            dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
            for (int i = 2; i <= 9; i++) {
                dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
            }
            dtd.append("]>");
            long start = System.nanoTime();
            CollectReport.SourceResult r = collect("<?xml version=\"1.0\"?>" + dtd
                    + "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
            assertThat(r.line()).contains("DOCTYPE declarations are refused");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
            nothingStored();
        }
    }

    @Nested
    class HostileHtml {
        @Test
        void scriptsFramesHandlersAndDangerousUrlsAreRemoved() {
            collect(rss("<item><title>Böse</title><guid>1</guid><description><![CDATA["
                    + "<p onclick=\"steal()\">Hallo<script>alert(1)</script></p><iframe src=\"https://evil.example/\"></iframe>"
                    + "<img src=\"x\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">klick</a>"
                    + "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\"><style>body{}</style>"
                    + "<form action=\"/x\"><input name=p></form><a href=\"/ok\">ok</a>]]></description></item>"));
            String html = single().contentHtml();
            assertThat(html).doesNotContain("script", "alert", "iframe", "onerror", "onclick", "javascript:", "data:",
                    "style", "form", "input");
            assertThat(html).contains("<p>Hallo</p>").contains("<a href=\"https://verein.example.org/ok\">ok</a>");
        }

        @Test
        void lineBreaksAndControlCharactersInTitlesBecomeSpaces() {
            collect(rss("<item><title>Zeile eins\r\nBcc: opfer@example.org&#13;&#10;\tEnde</title><guid>1</guid></item>"));
            assertThat(single().title()).isEqualTo("Zeile eins Bcc: opfer@example.org Ende");
        }

        @Test
        void characterIllegalInXmlAreStrippedInsteadOfFailingTheFeed() {
            byte[] body = rss("<item><title>Null\u0000Glocke\u0007Ende</title><guid>1</guid>"
                    + "<description>a\u001Bb</description></item>").getBytes(StandardCharsets.UTF_8);
            CollectReport.SourceResult r = collect(body, 5, 1_000_000);
            assertThat(r.failed()).as(r::line).isFalse();
            assertThat(single().title()).isEqualTo("NullGlockeEnde");
            assertThat(single().contentText()).isEqualTo("ab");
        }
    }

    @Nested
    class BrokenAnswers {
        @Test
        void garbageBytes() {
            byte[] garbage = new byte[4096];
            new java.util.Random(7).nextBytes(garbage);
            assertThat(collect(garbage, 5, 1_000_000).line()).contains("FAILED: not a valid feed");
            nothingStored();
        }

        @Test
        void anHtmlErrorPageInsteadOfAFeed() {
            assertThat(collect("<!DOCTYPE html><html><body><h1>Wartung</h1></body></html>").line())
                    .contains("FAILED: not a feed: the server sent an HTML page");
            nothingStored();
        }

        @Test
        void serverErrors() {
            server.on("/500", ex -> FixtureServer.send(ex, 500, "text/plain", "kaputt".getBytes()));
            assertThat(collectUrl(server.url("/500"), 5, 1_000_000).line()).contains("FAILED: HTTP 500");
            assertThat(world.store.sourceStatus("feed:" + server.url("/500")).orElseThrow().lastError()).contains("HTTP 500");
        }

        @Test
        void aServerThatNeverAnswersTimesOut() {
            server.on("/stall", ex -> sleep(10_000));
            long start = System.nanoTime();
            assertThat(collectUrl(server.url("/stall"), 1, 1_000_000).line()).contains("FAILED: no complete answer")
                    .contains("within 1 s");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
        }

        @Test
        void aServerThatStallsInTheMiddleOfTheBodyTimesOut() {
            server.on("/slow", ex -> {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write("<rss version=\"2.0\"><channel>".getBytes());
                out.flush();
                sleep(10_000);
            });
            assertThat(collectUrl(server.url("/slow"), 1, 1_000_000).line()).contains("FAILED: no complete answer");
        }

        @Test
        void anOversizedBodyWithContentLengthIsRefused() {
            byte[] big = rss("<item><title>x</title><description>" + "a".repeat(100_000) + "</description></item>")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(collect(big, 5, 4096).line()).contains("FAILED:").contains("more than collect.maxBytes = 4096 bytes");
            nothingStored();
        }

        @Test
        void anOversizedStreamedBodyIsCutOff() {
            server.on("/endless", ex -> {
                ex.sendResponseHeaders(200, 0); // chunked, no Content-Length
                OutputStream out = ex.getResponseBody();
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) 'a');
                try {
                    for (int i = 0; i < 100_000; i++) { // ~800 MB if nobody stops reading
                        out.write(chunk);
                    }
                } catch (java.io.IOException closedByClient) {
                    // expected: the collector hung up
                }
            });
            long start = System.nanoTime();
            assertThat(collectUrl(server.url("/endless"), 10, 64 * 1024).line()).contains("more than collect.maxBytes");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        }

        @Test
        void impossibleDatesFallBackToTheCollectionTime() {
            collect(rss("<item><title>Datum kaputt</title><guid>1</guid><pubDate>Mon, 45 Foo 2026 99:99:99 +0200</pubDate></item>"
                    + "<item><title>Ferne Zukunft</title><guid>2</guid><pubDate>Fri, 01 Jan 2100 10:00:00 +0000</pubDate></item>"));
            assertThat(world.store.recent(5, Optional.empty())).allSatisfy(
                    a -> assertThat(a.publishedAt()).isEqualTo(world.clock.instant()));
        }

        @Test
        void duplicateGuidsInOneFeedKeepTheFirstAndSayWhy() {
            CollectReport.SourceResult r = collect(rss("<item><title>Erster</title><guid>same</guid></item>"
                    + "<item><title>Zweiter</title><guid>same</guid></item>"));
            assertThat(r.line()).contains("new 1").contains("skipped 1 (duplicate guid 'same' (kept the first))");
            assertThat(single().title()).isEqualTo("Erster");
        }

        @Test
        void itemsWithoutGuidAreIdentifiedByLinkElseByContent() {
            collect(rss("<item><title>Mit Link</title><link>https://verein.example.org/a</link></item>"
                    + "<item><title>Ohne alles</title><description>nur Text</description></item>"));
            assertThat(world.store.recent(5, Optional.empty())).extracting(Article::guid)
                    .anySatisfy(g -> assertThat(g).isEqualTo("https://verein.example.org/a"))
                    .anySatisfy(g -> assertThat(g).startsWith("sha256:"));
            assertThat(world.collector.collectAll().sources().get(0).line()).endsWith("unchanged 2");
        }

        @Test
        void aStoreFailureMidwayLeavesNoItemOfThatSourceBehind() {
            String[] feed = {rss("<item><title>Vorher</title><guid>0</guid></item>")};
            server.on("/feed2.xml", ex -> FixtureServer.send(ex, 200, "application/rss+xml",
                    feed[0].getBytes(StandardCharsets.UTF_8)));
            collectUrl(server.url("/feed2.xml"), 5, 1_000_000);
            // The second item breaks the insert: the first of that run must be rolled back with it.
            world.database.jdbc().execute("ALTER TABLE article ADD CONSTRAINT test_no_boom CHECK (title <> 'BOOM')");
            feed[0] = rss("<item><title>Gut</title><guid>1</guid></item><item><title>BOOM</title><guid>2</guid></item>");

            CollectReport.SourceResult r = world.collector.collectAll().sources().get(0);

            assertThat(r.line()).contains("FAILED: internal error");
            assertThat(world.store.recent(10, Optional.empty())).extracting(Article::title).containsExactly("Vorher");
        }
    }

    @Nested
    class Addresses {
        @Test
        void loopbackIsRefusedUnlessAllowed() {
            server.bytes("/feed.xml", "application/rss+xml", rss("").getBytes());
            world = fixture.world(dir, "collect: { allowPrivateNetworks: false }\n",
                    "{ type: feed, url: \"" + server.url("/feed.xml") + "\" }");
            assertThat(world.collector.collectAll().sources().get(0).line())
                    .contains("FAILED: refused").contains("collect.allowPrivateNetworks");
            assertThat(server.requests).isEmpty();
        }

        @Test
        void redirectsAreFollowedAndReChecked() {
            server.bytes("/feed.xml", "application/rss+xml", rss("<item><title>A</title><guid>a</guid></item>").getBytes());
            server.on("/old", ex -> {
                ex.getResponseHeaders().set("Location", "/feed.xml");
                FixtureServer.send(ex, 301, null, new byte[0]);
            });
            server.on("/to-file", ex -> {
                ex.getResponseHeaders().set("Location", "file:///etc/passwd");
                FixtureServer.send(ex, 302, null, new byte[0]);
            });
            assertThat(collectUrl(server.url("/old"), 5, 1_000_000).newCount()).isEqualTo(1);
            assertThat(collectUrl(server.url("/to-file"), 5, 1_000_000).line())
                    .contains("FAILED: refused file:///etc/passwd: only http and https");
        }

        @Test
        void redirectLoopsStop() {
            server.on("/loop", ex -> {
                ex.getResponseHeaders().set("Location", "/loop");
                FixtureServer.send(ex, 302, null, new byte[0]);
            });
            assertThat(collectUrl(server.url("/loop"), 5, 1_000_000).line()).contains("FAILED: more than 5 redirects");
            assertThat(server.requests).hasSize(6);
        }

        @Test
        void reservedBenchmarkSharedMulticastAndIpv4CarryingIpv6RangesAreRefused() throws Exception {
            for (String special : new String[] {"240.0.0.1", "255.255.255.255", "198.18.0.1", "198.19.255.1", "100.64.0.1",
                    "100.127.255.254", "224.0.0.1", "239.255.255.250", "192.0.2.1", "::127.0.0.1", "::ffff:7f00:1",
                    "64:ff9b::a00:1", "2002:7f00:1::1", "2001:0:4136:e378::1", "2001:db8::1", "ff02::1", "fec0::1"}) {
                assertThat(AddressGuard.isInternal(java.net.InetAddress.getByName(special))).as(special).isTrue();
            }
        }

        @Test
        void internalAddressesAreRecognised() throws Exception {
            for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                    "0.0.0.0", "::1", "fe80::1", "fd00::1", "100.64.0.1"}) {
                assertThat(AddressGuard.isInternal(java.net.InetAddress.getByName(internal))).as(internal).isTrue();
            }
            for (String external : new String[] {"93.184.216.34", "2606:2800:220:1::1", "8.8.8.8", "2a00:1450:4001::1",
                    "198.20.0.1", "100.128.0.1", "223.255.255.254"}) {
                assertThat(AddressGuard.isInternal(java.net.InetAddress.getByName(external))).as(external).isFalse();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
