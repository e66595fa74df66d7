package org.rundbrief.subscriber;

import java.time.Duration;
import org.rundbrief.store.RepeatedLook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the member search's words ({@link SearchWords}, table {@code subscriber_word}) of the
 * members added since the last time: everyone above the mark ({@link SearchWords#MARK}), a chunk of
 * {@value #CHUNK} members per transaction. Members are added without their words (an import of a
 * million rows wrote five million words on the way, at a third of its speed); {@code serve} looks
 * every {@link #EVERY} and catches up in the background, on whichever node looks first (the mark's
 * row lock lets one node at a time write a chunk). Until then the search reads the members above the
 * mark from the list.
 */
public final class SearchWordsCatchUp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchWordsCatchUp.class);
    /** How often serve looks for members without words. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** Members per transaction: a form's subscription waits for at most one chunk (about a second on a busy machine). */
    static final int CHUNK = 5_000;
    /** After this many members caught up at once, PostgreSQL's statistics of the words are refreshed. */
    static final long MANY = 50_000;

    private final SubscriberStore store;
    private final RepeatedLook looks;

    public SearchWordsCatchUp(SubscriberStore store) {
        this.store = store;
        this.looks = new RepeatedLook("search-words", "writing the search words", EVERY, this::look, log);
    }

    public void start() {
        looks.start();
    }

    /** Writes the words of every member above the mark, chunk after chunk; returns how many members. */
    public long catchUp() {
        long total = 0;
        for (int n; (n = store.catchUpWords(CHUNK)) > 0; ) {
            total += n;
        }
        if (total >= MANY) {
            store.refreshWordStatistics();
        }
        return total;
    }

    /** Catches up (a failure is logged by the look, and the next look tries again). */
    void look() {
        long members = catchUp();
        if (members > 0) {
            log.info("search words written for {} new members", members);
        }
    }

    /** Stops looking; a look under way ends with its chunk, not interrupted. */
    @Override
    public void close() {
        looks.close();
    }
}
