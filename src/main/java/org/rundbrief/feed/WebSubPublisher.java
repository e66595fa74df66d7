package org.rundbrief.feed;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a WebSub hub (W3C WebSub, section 7: "publishing") that the subscription feeds changed,
 * so feed readers subscribed through the hub get new articles at once instead of at their next
 * poll. Runs on its own thread; a burst of changes while a round is pending is one more round; a
 * hub that fails is logged and tried again at the next change.
 */
public final class WebSubPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSubPublisher.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI hub;
    private final List<String> feedUrls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "websub-publish");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    public WebSubPublisher(String hub, List<String> feedUrls) {
        this.hub = URI.create(hub);
        this.feedUrls = List.copyOf(feedUrls);
    }

    /** The feeds changed: one publish request per feed URL, soon. */
    public void feedsChanged() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                feedUrls.forEach(this::publish);
            });
        }
    }

    private void publish(String feedUrl) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feedUrl, StandardCharsets.UTF_8);
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(hub).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                log.warn("WebSub hub {} answered {} for {}", hub, r.statusCode(), feedUrl);
            }
        } catch (java.io.IOException e) {
            log.warn("WebSub hub {} not reached for {}: {}", hub, feedUrl, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
