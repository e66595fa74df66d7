package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        fetcher = new HttpFetcher(new Config.Collect(2, 1_000_000, false), "rundbrief/test", guard, null);
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
        // The first answer passes the guard (here: anything but loopback); a second lookup (the one the JDK
        // client made) would get loopback. 0.0.0.1 cannot be connected to, so the test touches no other host.
        ScriptedDns dns = new ScriptedDns(Map.of("feeds.example.test", List.of("0.0.0.1", "127.0.0.1")));
        fetcher(new AddressGuard(a -> !a.isLoopbackAddress(), dns));

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

    /**
     * TLS to the pinned address still speaks to the URL's host: SNI and the certificate check use
     * the name (the certificate names feeds.example.test only, not 127.0.0.1).
     */
    @Test
    void tlsToThePinnedAddressChecksTheCertificateAgainstTheHostName(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSigned(dir, "feeds.example.test");
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/feed.xml", ex -> FixtureServer.send(ex, 200, "application/rss+xml",
                "<rss version=\"2.0\"><channel><title>tls</title></channel></rss>".getBytes(StandardCharsets.UTF_8)));
        https.start();
        try {
            int tlsPort = https.getAddress().getPort();
            ScriptedDns dns = new ScriptedDns(Map.of("feeds.example.test", List.of("127.0.0.1"),
                    "elsewhere.example.test", List.of("127.0.0.1")));
            fetcher = new HttpFetcher(new Config.Collect(5, 1_000_000, false), "rundbrief/test", new AddressGuard(a -> true, dns), tls);

            HttpFetcher.Response ok = get("https://feeds.example.test:" + tlsPort + "/feed.xml");
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).contains("<title>tls</title>");
            assertThatThrownBy(() -> get("https://elsewhere.example.test:" + tlsPort + "/feed.xml"))
                    .isInstanceOf(CollectException.class).hasMessageContaining("TLS with elsewhere.example.test");
        } finally {
            https.stop(0);
        }
    }

    /** A key pair and certificate for {@code host} made by the JDK's keytool; trusted as its own authority. */
    static SSLContext selfSigned(Path dir, String host) throws Exception {
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "feed", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "geheim", "-keypass", "geheim").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(out).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "geheim".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, "geheim".toCharArray());
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
        return context;
    }
}
