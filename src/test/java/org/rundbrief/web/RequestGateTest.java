package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberFixture;
import org.slf4j.LoggerFactory;

/**
 * Bodies sent to the public forms, over raw sockets so the test controls every byte: the answer
 * comes before a body that cannot be taken is sent, and nothing is stored or mailed.
 */
class RequestGateTest {
    /** The defaults, except a body gets 2 s to arrive so the slow case finishes quickly. */
    static final HttpLimits LIMITS = new HttpLimits(16, Duration.ofSeconds(30), 64 * 1024, 1024 * 1024,
            Duration.ofSeconds(2), 16 * 1024, 16, 16);

    @TempDir
    Path dir;
    SubscriberFixture f;
    WebServer server;

    @BeforeEach
    void start() {
        f = new SubscriberFixture(dir);
        server = new WebServer(List.of(f.app.subscriberPages), LIMITS, new ClientAddress(List.of()));
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        f.close();
    }

    /** Sends {@code head} (and nothing more) and returns the status line the server answers with. */
    String statusAfter(String head) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            return statusLine(s.getInputStream());
        }
    }

    static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    static String post(String path, String type, long length, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\n\r\n" + body;
    }

    @Test
    void everyKindOfAnswerEndsTheClientsTurnSoItsRequestsAreNeverRefusedOneAfterAnother() throws Exception {
        // 16 requests at once are allowed; a turn not given back on any path would refuse the 17th.
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(http.send(HttpRequest.newBuilder(URI.create(base + "/subscribe")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            statuses.add(http.send(HttpRequest.newBuilder(URI.create(base + "/nirgends")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            statuses.add(http.send(HttpRequest.newBuilder(URI.create(base + "/subscribe"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            statuses.add(http.send(HttpRequest.newBuilder(URI.create(base + "/nirgends"))
                    .header("Content-Type", "application/x-www-form-urlencoded") // read by the gate first
                    .POST(HttpRequest.BodyPublishers.ofString("email=kaputt")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThat(statuses).hasSize(80).doesNotContain(429, 500).contains(200, 404, 415);
    }

    @Test
    void aMultipartUploadToTheSubscribeFormIsRefused415BeforeItsBodyIsSent() throws IOException {
        assertThat(statusAfter(post("/subscribe", "multipart/form-data; boundary=XyZ", 200_000_000, "")))
                .isEqualTo("HTTP/1.1 415 Unsupported Media Type");
        assertThat(statusAfter(post("/preferences/x", "multipart/form-data; boundary=XyZ", 200_000_000, "")))
                .isEqualTo("HTTP/1.1 415 Unsupported Media Type");
        assertThat(f.mailbox.messages()).isEmpty();
    }

    @Test
    void aFormAnnouncingMoreThanTheLimitIsRefused413BeforeItsBodyIsSent() throws IOException {
        assertThat(statusAfter(post("/subscribe", "application/x-www-form-urlencoded", 70_000, "")))
                .isEqualTo("HTTP/1.1 413 Payload Too Large");
    }

    @Test
    void aChunkedFormIsCutOffOnceItPassesTheLimitWhileBeingRead() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            s.setSoTimeout(5000);
            var out = s.getOutputStream();
            out.write(("POST /subscribe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + "a".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 8; i++) { // 128 KiB, twice the limit; no terminating chunk
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the server may close while we still write: it has answered already
            }
            assertThat(statusLine(s.getInputStream())).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    @Test
    void aFormInAnUnknownCharsetIsABadRequestNotAServerError() throws IOException {
        String body = "email=zeichen%40example.org";
        assertThat(statusAfter(post("/subscribe", "application/x-www-form-urlencoded; charset=x-klingon", body.length(), body)))
                .isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(f.app.subscribers.byEmail(EmailAddress.parse("zeichen@example.org"))).isEmpty();
    }

    @Test
    void anApiBodyInAnUnknownCharsetIsABadRequestThatSaysSo() throws IOException {
        String body = "{\"title\":\"x\"}";
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(post("/api/articles", "application/json; charset=x-klingon", body.length(), body)
                    .getBytes(StandardCharsets.UTF_8));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request").contains("unknown charset x-klingon");
        }
    }

    @Test
    void aBrokenMultipartOneClickIsABadRequestNotAServerError() throws IOException {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Cl";
        assertThat(statusAfter(post("/unsubscribe/x", "multipart/form-data; boundary=XyZ", body.length(), body)))
                .isEqualTo("HTTP/1.1 400 Bad Request");
    }

    @Test
    void rfc8058OneClickAsMultipartStillUnsubscribes() throws IOException {
        Subscriber s = f.service.addConfirmed(f.person("eins@example.org"), null);
        String url = f.tokens.unsubscribeUrl(s);
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
        assertThat(statusAfter(post(url.substring(url.indexOf("/unsubscribe/")), "multipart/form-data; boundary=XyZ",
                body.length(), body))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(f.stored("eins@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408AndTheConnectionClosed() throws IOException {
        long t0 = System.nanoTime();
        assertThat(statusAfter(post("/subscribe", "application/x-www-form-urlencoded", 1000, "email=")))
                .isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    /** Issue #23: a malformed chunked body was Jetty's 500 page, with a stack trace in the log. */
    @Test
    void aMalformedChunkedFormIsABadRequestNotAServerError() throws IOException {
        assertThat(statusAfter("POST /subscribe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nemail=a\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(f.mailbox.messages()).isEmpty();
    }

    /** Issue #23: every client that hung up in the middle of its body left a stack trace in the log. */
    @Test
    void aClientThatHangsUpMidBodyCostsOneLogLineWithoutAStackTrace() throws IOException {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                s.getOutputStream().write(post("/preferences/AQAAAAAAAAAH.secret", "application/x-www-form-urlencoded", 1000,
                        "email=a").getBytes(StandardCharsets.US_ASCII));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(logged.list).stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("POST /preferences/… from 127.0.0.1")));
            // one more request through the same server: whatever the hang-up logs has been logged by then
            assertThat(statusAfter(post("/subscribe", "multipart/form-data; boundary=XyZ", 10, ""))).contains("415");
            assertThat(List.copyOf(logged.list)).noneMatch(e -> e.getThrowableProxy() != null)
                    .extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("secret"))
                    .anySatisfy(m -> assertThat(m).contains("POST /preferences/… from 127.0.0.1: 400"));
        } finally {
            root.detachAppender(logged);
        }
    }

    @Test
    void aServerBoundToLoopbackIsNotReachableOnAnyOtherAddress() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.2", server.port()), 2000);
            }
        }).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void memberLinksAreLoggedWithoutTheirToken() {
        assertThat(WebServer.loggable("/preferences/AQAAAAAAAAAHAAAA.secret")).isEqualTo("/preferences/…");
        assertThat(WebServer.loggable("/unsubscribe/abc")).isEqualTo("/unsubscribe/…");
        assertThat(WebServer.loggable("/feed.atom")).isEqualTo("/feed.atom");
    }
}
