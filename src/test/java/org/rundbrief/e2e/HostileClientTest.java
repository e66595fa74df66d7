package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.Installation;
import org.rundbrief.web.HttpLimits;
import org.rundbrief.web.WebServer;
import org.slf4j.LoggerFactory;

/**
 * One hostile client (127.0.0.2, loopback only) opens hundreds of connections that announce big
 * bodies and then trickle one byte a second, and pushes oversized uploads at the public forms.
 * Meanwhile a well-behaved client (127.0.0.1) keeps asking for {@code /health} and
 * {@code /feed.atom}: every answer must come within 2 s, for the whole attack. The server's threads
 * stay within its pool, and each refused request is one log line without a stack trace.
 */
class HostileClientTest {
    static final int SLOW_CONNECTIONS = 300;
    static final Duration ATTACK = Duration.ofSeconds(14);

    @TempDir
    Path dir;
    GreenMail smtp;
    Installation inst;
    WebServer web;
    final List<Socket> hostile = new CopyOnWriteArrayList<>();
    final ExecutorService attackers = Executors.newFixedThreadPool(4);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void setUp() throws Exception {
        smtp = Fixtures.smtp();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "");
        inst.article("Sommerfest am Baggersee");
        web = inst.app.webServer(List.of());
        web.start(0);
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void tearDown() throws Exception {
        root.detachAppender(logged);
        attackers.shutdownNow();
        attackers.awaitTermination(10, TimeUnit.SECONDS);
        for (Socket s : hostile) {
            s.close();
        }
        web.close();
        inst.close();
        smtp.stop();
    }

    @Test
    void slowBodiesAndOversizedUploadsFromOneAddressDoNotKeepHealthAndFeedsFromAnswering() throws Exception {
        attackers.submit(this::openSlowBodies);
        attackers.submit(this::trickle);
        attackers.submit(() -> oversizedUploads("/subscribe"));
        attackers.submit(() -> oversizedUploads("/preferences/x"));

        HttpClient good = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> slow = new ArrayList<>();
        long end = System.nanoTime() + ATTACK.toNanos();
        int asked = 0;
        long mostServerThreads = 0;
        while (System.nanoTime() < end) { // bounded: the attack's length
            for (String path : List.of("/health", "/feed.atom")) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = good.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + web.port() + path)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path).isEqualTo(200);
                } catch (IOException e) {
                    slow.add(path + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e);
                }
                asked++;
            }
            mostServerThreads = Math.max(mostServerThreads, serverThreads());
            Thread.sleep(200); // pacing of the well-behaved client, not a wait for a condition
        }
        assertThat(slow).as("answers slower than 2 s during the attack").isEmpty();
        assertThat(asked).isGreaterThan(20);
        assertThat(mostServerThreads).as("threads of the server's pool").isLessThanOrEqualTo(HttpLimits.DEFAULT.threads());
        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertThat(events).as("the attack was logged").isNotEmpty();
        assertThat(events).as("log lines with a stack trace").noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage).as("log lines of more than one line")
                .noneMatch(m -> m.contains("\n"));
    }

    /** Live threads of the HTTP server's pool (named "http" in WebServer). */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("http-")).count();
    }

    /** Connections that announce 50,000 bytes (under the form limit) and send the headers only. */
    private void openSlowBodies() {
        for (int i = 0; i < SLOW_CONNECTIONS && !Thread.currentThread().isInterrupted(); i++) {
            try {
                Socket s = hostileSocket();
                s.getOutputStream().write(("POST /unsubscribe/x HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000\r\n\r\nL")
                        .getBytes(StandardCharsets.US_ASCII));
                hostile.add(s);
            } catch (IOException e) {
                // refused or reset by the server: what a limit looks like from outside
            }
        }
    }

    /** One more byte per open connection every second. */
    private void trickle() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (Socket s : hostile) {
                    try {
                        s.getOutputStream().write('i');
                    } catch (IOException e) {
                        hostile.remove(s);
                    }
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Multipart posts announcing 200 MB, sent as fast as the server takes them. */
    private void oversizedUploads(String path) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'A');
        while (!Thread.currentThread().isInterrupted()) {
            try (Socket s = hostileSocket()) {
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 200000000\r\n\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"email\"; filename=\"a.bin\"\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 3200 && !Thread.currentThread().isInterrupted(); i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // cut off by the server: expected
            }
        }
    }

    private Socket hostileSocket() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0.2", 0));
        s.connect(new InetSocketAddress("127.0.0.1", web.port()), 2000);
        return s;
    }
}
