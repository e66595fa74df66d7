package org.rundbrief.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A question for {@code /health} (a check or a note) that may block, e.g. on a database that does
 * not answer: it is asked on a thread of its own, so that the caller can stop waiting for it. While
 * one asking still runs, the next caller waits for that one instead of starting another: a stuck
 * question holds one thread, however often {@code /health} is called.
 */
final class BoundedAnswer<T> {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<T> question;
    private CompletableFuture<T> running;

    BoundedAnswer(Supplier<T> question) {
        this.question = question;
    }

    /** The answer being worked out: the running one, or a new one. */
    synchronized CompletableFuture<T> ask() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(question, THREADS);
        }
        return running;
    }
}
