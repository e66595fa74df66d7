package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.config.ConfigException;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.TestApps;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.MutableClock;

class ClientAddressTest {
    private static String behind(ClientAddress clients, String remote, String... forwarded) {
        return clients.of(remote, forwarded.length == 0 ? null : Collections.enumeration(List.of(forwarded)));
    }

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddress clients = new ClientAddress(List.of());
        assertThat(behind(clients, "192.0.2.1", "203.0.113.7")).isEqualTo("192.0.2.1");
    }

    @Test
    void aTrustedProxyIsSeenThroughToTheNearestUntrustedHop() {
        ClientAddress clients = new ClientAddress(List.of("127.0.0.1", "::1", "10.0.0.2"));
        assertThat(behind(clients, "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behind(clients, "127.0.0.1", "198.51.100.1, 203.0.113.7"))
                .as("what the client wrote itself is left of what our proxy saw").isEqualTo("203.0.113.7");
        assertThat(behind(clients, "0:0:0:0:0:0:0:1", "203.0.113.7, 10.0.0.2")).isEqualTo("203.0.113.7");
        assertThat(behind(clients, "[0:0:0:0:0:0:0:1]", "203.0.113.7")).as("as Jetty names an IPv6 peer").isEqualTo("203.0.113.7");
        assertThat(behind(clients, "127.0.0.1", "203.0.113.7", "10.0.0.2")).as("several header lines").isEqualTo("203.0.113.7");
        assertThat(behind(clients, "127.0.0.1")).as("no header").isEqualTo("127.0.0.1");
        assertThat(behind(clients, "127.0.0.1", "unknown")).as("garbage").isEqualTo("127.0.0.1");
        assertThat(behind(clients, "127.0.0.1", "203.0.113.7, evil.example, 10.0.0.2")).isEqualTo("10.0.0.2");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotClaimAnotherAddress() {
        ClientAddress clients = new ClientAddress(List.of("127.0.0.1"));
        assertThat(behind(clients, "192.0.2.1", "203.0.113.7")).isEqualTo("192.0.2.1");
    }

    @Nested
    class Config {
        @TempDir
        Path dir;

        @Test
        void aHostNameIsRefusedNamingTheKey() {
            assertThatThrownBy(() -> TestApps.config(dir, Map.of("RUNDBRIEF_HTTP_TRUSTED_PROXIES", "127.0.0.1, nginx.local")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("http.trustedProxies")
                    .hasMessageContaining("nginx.local");
        }
    }

    @Nested
    class BehindAReverseProxy {
        @TempDir
        Path dir;

        @Test
        void eachClientGetsItsOwnSubscribeBudgetAndItsAddressInTheConsentLog() throws Exception {
            try (FaultySmtpServer smtp = new FaultySmtpServer();
                 App app = TestApps.app(dir, new MutableClock(java.time.Instant.parse("2026-11-20T08:00:00Z")), Map.of(
                         "RUNDBRIEF_HTTP_TRUSTED_PROXIES", "127.0.0.1, ::1", "RUNDBRIEF_SMTP_HOST", "127.0.0.1",
                         "RUNDBRIEF_SMTP_PORT", String.valueOf(smtp.port())));
                 WebServer web = new WebServer(List.of(app.subscriberPages))) {
                web.start(0);
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < 10; i++) {
                    assertThat(subscribe(http, web, "203.0.113.7", "a" + i + "@example.org")).isEqualTo(200);
                }
                assertThat(subscribe(http, web, "203.0.113.7", "a10@example.org")).isEqualTo(429);
                assertThat(subscribe(http, web, "198.51.100.20", "b@example.org")).as("another member").isEqualTo(200);
                long id = app.subscribers.byEmail(EmailAddress.parse("b@example.org")).orElseThrow().id();
                assertThat(app.subscribers.consentLog(id)).extracting(c -> c.ip()).contains("198.51.100.20");
            }
        }

        private int subscribe(HttpClient http, WebServer web, String client, String email) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/subscribe"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                    .POST(HttpRequest.BodyPublishers.ofString("email=" + email + "&name=M&cadence=daily&language=de"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test
    void ipv6ClientsAreRateLimitedPerSlash64AndIpv4PerAddress() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.limitKey("2001:db8:1:2:ffff::9"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.limitKey("2001:db8:1:2::1"));
        assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
