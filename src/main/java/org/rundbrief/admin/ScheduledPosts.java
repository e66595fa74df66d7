package org.rundbrief.admin;

import java.time.Duration;
import java.util.List;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.store.RepeatedLook;
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
    private final RepeatedLook looks;

    public ScheduledPosts(ArticleStore articles) {
        this.articles = articles;
        this.looks = new RepeatedLook("scheduled-posts", "publishing scheduled posts", EVERY, this::look, log);
    }

    public void start() {
        looks.start();
    }

    /** Makes the due posts public. */
    void look() {
        List<Long> published = articles.publishDue(PER_LOOK);
        if (!published.isEmpty()) {
            log.info("scheduled posts published: {}", published);
        }
    }

    /** Stops looking; a look under way is let finish (a few milliseconds), not interrupted. */
    @Override
    public void close() {
        looks.close();
    }
}
