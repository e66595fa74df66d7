package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.config.Config;

/**
 * DNS rebinding (issue #23): the fetcher connects to exactly the addresses the guard checked, once
 * per hop. A scripted DNS answers in place of the real one; the HTTP server is real, on loopback.
 */
class PinnedAddressTest {
    final FixtureServer server = new FixtureServer().bytes("/feed.xml", "application/rss+xml",
            "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8));
    final int port = URI.create(server.url("/")).getPort();
    HttpFetcher fetcher;

    /** Answers each host with its scripted answers in turn (the last one repeats) and counts the questions. */
    static final class ScriptedDns implements AddressGuard.Resolver {
        final Map<String, List<String>> answers;
        final List<String> asked = new CopyOnWriteArrayList<>();

        ScriptedDns(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            List<String> script = answers.get(host);
            if (script == null && host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)}; // an IPv6 literal: no lookup
            }
            if (script == null) {
                throw new UnknownHostException(host);
            }
            int turn = (int) asked.stream().filter(host::equals).count();
            asked.add(host);
            // literals only: no real lookup happens here
            return new InetAddress[] {InetAddress.getByName(script.get(Math.min(turn, script.size() - 1)))};
        }
    }

    HttpFetcher fetcher(AddressGuard guard) {
        fetcher = new HttpFetcher(new Config.Collect(2, 1_000_000, false), "rundbrief/test", guard);
        return fetcher;
    }

    HttpFetcher.Response get(String url) throws CollectException {
        return fetcher.get(URI.create(url), ArticleStore.SourceState.NONE, "*/*");
    }

    @AfterEach
    void close() {
        if (fetcher != null) {
            fetcher.close();
        }
        server.close();
    }

    @Test
    void aRebindingAnswerNeverReachesTheLocalServer() {
        // The first answer passes the guard; a second lookup (the one the JDK client made) would get loopback.
        ScriptedDns dns = new ScriptedDns(Map.of("feeds.example.test", List.of("93.184.216.34", "127.0.0.1")));
        fetcher(new AddressGuard(a -> !AddressGuard.isInternal(a), dns));

        assertThatThrownBy(() -> get("http://feeds.example.test:" + port + "/feed.xml")).isInstanceOf(CollectException.class);

        assertThat(server.requests).isEmpty();
        assertThat(dns.asked).containsExactly("feeds.example.test");
    }

    @Test
    void theCheckedAddressIsConnectedToWithTheHostNameOfTheUrl() throws Exception {
        // loopback allowed, as collect.allowPrivateNetworks allows it; a second answer would lead nowhere
        ScriptedDns dns = new ScriptedDns(Map.of("feeds.example.test", List.of("127.0.0.1", "10.255.255.1")));
        fetcher(new AddressGuard(a -> true, dns));

        HttpFetcher.Response response = get("http://feeds.example.test:" + port + "/feed.xml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<title>t</title>");
        assertThat(server.requests).singleElement().satisfies(h ->
                assertThat(h.getFirst("Host")).isEqualTo("feeds.example.test:" + port));
        assertThat(dns.asked).containsExactly("feeds.example.test");
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedBeforeItIsContacted() {
        server.on("/by-name", ex -> {
            ex.getResponseHeaders().set("Location", "http://intranet.example.test:" + port + "/feed.xml");
            FixtureServer.send(ex, 302, null, new byte[0]);
        });
        server.on("/by-literal", ex -> {
            ex.getResponseHeaders().set("Location", "http://[::1]:" + port + "/feed.xml");
            FixtureServer.send(ex, 302, null, new byte[0]);
        });
        ScriptedDns dns = new ScriptedDns(Map.of("feeds.example.test", List.of("127.0.0.1"),
                "intranet.example.test", List.of("10.0.0.5")));
        // The fixture server on 127.0.0.1 stands for a public site; everything else internal is refused.
        fetcher(new AddressGuard(a -> a.getHostAddress().equals("127.0.0.1") || !AddressGuard.isInternal(a), dns));

        assertThatThrownBy(() -> get("http://feeds.example.test:" + port + "/by-name"))
                .hasMessage("refused intranet.example.test: it resolves to 10.0.0.5, a loopback, private or other "
                        + "special-purpose address (set collect.allowPrivateNetworks: true to allow)");
        assertThatThrownBy(() -> get("http://feeds.example.test:" + port + "/by-literal"))
                .hasMessageStartingWith("refused ").hasMessageContaining("resolves to 0:0:0:0:0:0:0:1");
        assertThat(server.requests).hasSize(2);
    }
}
