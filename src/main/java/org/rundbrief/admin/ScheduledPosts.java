package org.rundbrief.admin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rundbrief.article.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s look for scheduled posts, on every node: every {@link #EVERY} it makes public the
 * posts whose publish time has come ({@link ArticleStore#publishDue}). Each goes public once, on one
 * node (the articles lock); its collected_at becomes that moment, so the next digest of every member
 * has it as new, and its updated_at moves, so every node's cached feeds and pages are made again as
 * after an edit.
 */
public final class ScheduledPosts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduledPosts.class);
    /** How often serve looks: a post goes public within this after its time (one indexed query). */
    public static final Duration EVERY = Duration.ofSeconds(1);
    /** Posts made public per look; more wait for the next one. */
    private static final int PER_LOOK = 100;

    private final ArticleStore articles;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduled-posts");
        t.setDaemon(true);
        return t;
    });

    public ScheduledPosts(ArticleStore articles) {
        this.articles = articles;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::look, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Makes the due posts public; a failure is logged and the next look tries again. */
    void look() {
        try {
            List<Long> published = articles.publishDue(PER_LOOK);
            if (!published.isEmpty()) {
                log.info("scheduled posts published: {}", published);
            }
        } catch (RuntimeException ex) {
            log.error("publishing scheduled posts failed; next look in {} s", EVERY.toSeconds(), ex);
        }
    }

    /**
     * Stops looking; a look under way is let finish (a few milliseconds), not interrupted: an
     * interrupt while it waited for a database connection logged an error with a stack trace at
     * every clean stop of {@code serve}.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
