package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Consent;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberFixture;

/** The forms that take any address answer every address alike, and no sooner than the floor. */
class AnswerFloorTest {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void subscribeAndFreshLinkAnswerNewKnownLeftAndSuppressedAddressesAlikeAndNoSoonerThanTheFloor() throws Exception {
        try (SubscriberFixture f = new SubscriberFixture(dir);
             WebServer server = new WebServer(List.of(f.app.subscriberPages))) {
            server.start(0);
            var store = f.app.subscribers;
            long confirmed = store.insert(f.person("dabei@example.org"), Subscriber.Status.CONFIRMED,
                    SubscriberFixture.T0, Consent.of("subscribed", Origin.FORM));
            // told "you are already subscribed" just now: a post for this address does no work at all
            assertThat(store.claimNotice(confirmed, SubscriberFixture.T0, SubscriberFixture.T0.minusSeconds(1))).isTrue();
            store.insert(f.person("weg@example.org"), Subscriber.Status.UNSUBSCRIBED, SubscriberFixture.T0,
                    Consent.of("unsubscribed", Origin.FORM));
            store.suppress(f.app.signer.emailHash(EmailAddress.parse("spam@example.org")), "complained",
                    SubscriberFixture.T0);

            List<String> bodies = new ArrayList<>();
            for (String email : List.of("neu@example.org", "dabei@example.org", "weg@example.org", "spam@example.org")) {
                bodies.add(timedPost(server, "/subscribe", SubscriberPagesTest.signup(email)));
            }
            assertThat(bodies).as("one answer for every address").containsOnly(bodies.get(0));
            assertThat(bodies.get(0)).contains("Fast geschafft");
            assertThat(store.byEmail(EmailAddress.parse("neu@example.org"))).as("the new address did its work").isPresent();

            String member = timedPost(server, "/link", SubscriberPagesTest.form(Map.of("email", "dabei@example.org")));
            String stranger = timedPost(server, "/link", SubscriberPagesTest.form(Map.of("email", "fremd@example.org")));
            assertThat(member).isEqualTo(stranger);
        }
    }

    /** POSTs {@code form}, asserts a 200 no sooner than the floor, returns the body. */
    private String timedPost(WebServer server, String path, String form) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(post(server, path, form), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).as(path + " " + form).isEqualTo(200);
        assertThat(took).as(path + " " + form).isGreaterThanOrEqualTo(AnswerFloor.FORMS);
        return r.body();
    }

    @Test
    void waitingAnswersHoldNoThreadSoHealthAnswersWhileAHundredAreHeldBack() throws Exception {
        Duration floor = Duration.ofSeconds(4); // long enough to stay in flight on a busy machine
        AtomicInteger handled = new AtomicInteger();
        WebServer.Routes routes = r -> {
            r.post("/slow", new AnswerFloor(floor).around(ctx -> ctx.result("ok " + handled.incrementAndGet())));
            r.get("/health", ctx -> ctx.result("up"));
        };
        // 8 threads: if every held answer kept one, /health would wait until the floor had passed
        HttpLimits limits = new HttpLimits(8, Duration.ofSeconds(30), 1024, 1024, Duration.ofSeconds(10), 1024, 200, 200);
        try (WebServer server = new WebServer(List.of(routes), limits, new ClientAddress(List.of()))) {
            server.start(0);
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                posts.add(http.sendAsync(post(server, "/slow", "email=a%40example.org"), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(floor.dividedBy(2)).until(() -> handled.get() == 100);

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/health")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("up");
            assertThat(posts).as("all still held back while /health answered").noneMatch(CompletableFuture::isDone);

            for (CompletableFuture<HttpResponse<String>> p : posts) {
                assertThat(p.get().statusCode()).isEqualTo(200);
                assertThat(p.get().body()).startsWith("ok ");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(floor);
        }
    }

    private static HttpRequest post(WebServer server, String path, String form) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }
}
