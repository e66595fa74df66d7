package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;
import org.rundbrief.web.WebServer;

/** What an operator watches, over real HTTP: {@code /health} and {@code /metrics} (Prometheus text). */
class OperatorRoutesTest {
    static final String METRICS_TOKEN = "scrape-me-Xq7vT2pL9wR4-kN8s";
    @TempDir
    Path dir;
    GreenMail smtp;
    Installation inst;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        smtp = Fixtures.smtp();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "metrics: { token: \"" + METRICS_TOKEN + "\" }");
        web = inst.app.webServer(List.of());
        web.start(0);
    }

    @AfterEach
    void tearDown() {
        web.close();
        inst.close();
        smtp.stop();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreOnlyForTheScraperWithItsToken() throws Exception {
        assertThat(get("/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/metrics").body()).doesNotContain("jvm_");
        assertThat(get("/metrics", "Authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsUpWithDatabaseAndSmtpAndDownNamingSmtpWhenTheMailServerIsGone() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"database\":\"up\"", "\"smtp\":\"up\"", "\"status\":\"up\"");

        int port = smtp.getSmtp().getPort();
        smtp.stop();
        // The SMTP probe is cached for 30 s; a second installation on the dead port sees it at once.
        try (Installation down = new Installation(java.nio.file.Files.createDirectories(dir.resolve("other")), port, "")) {
            WebServer other = down.app.webServer(List.of());
            try (other) {
                other.start(0);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + other.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("\"smtp\":\"down", "\"database\":\"up\"", "\"status\":\"down\"");
            }
        }
    }

    @Test
    void metricsSpeakPrometheusTextWithJvmPoolSubscriberAndDeliveryNumbers() throws Exception {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        // ASCII: GreenMail offers no SMTPUTF8, and an address that needs it is not sent there
        inst.subscriber("joerg@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest am Baggersee");
        inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ZERO);
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        HttpResponse<String> r = get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains("rundbrief_deliveries_total{outcome=\"sent\"} 2.0")
                .contains("rundbrief_deliveries_total{outcome=\"failed\"} 0.0")
                .contains("rundbrief_subscribers{status=\"confirmed\"} 2.0")
                .contains("jvm_memory_used_bytes{")
                .contains("hikaricp_connections{pool=\"rundbrief-db\"}");
        assertThat(r.body().lines().filter(l -> !l.startsWith("#")))
                .allSatisfy(l -> assertThat(l).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? \\S+"));
    }
}
