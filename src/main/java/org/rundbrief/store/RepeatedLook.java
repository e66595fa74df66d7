package org.rundbrief.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A look at the database every few seconds on a thread of its own, for {@code serve}'s background
 * work (scheduled posts, search words, unfinished editions): a look that fails is logged and the
 * next one tries again (a database that is away is logged once, when it goes and when it is back,
 * not with a stack trace at every look), and {@link #close} lets a look under way finish instead of
 * interrupting it
 * (an interrupt while it waited for a database connection logged an error with a stack trace at
 * every clean stop).
 */
public final class RepeatedLook implements AutoCloseable {
    /** How long {@link #close} waits for a look under way unless told otherwise. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private final String what;
    private final Duration every;
    private final Runnable look;
    private final Logger log;
    private final Duration closeWait;
    private final ScheduledExecutorService thread;
    /** Written by the look thread only. */
    private final OutageLog outage;

    /**
     * @param thread the thread's name
     * @param what   what a look does, for the log line of a failure ("publishing scheduled posts")
     */
    public RepeatedLook(String thread, String what, Duration every, Runnable look, Logger log) {
        this(thread, what, every, look, log, CLOSE_WAIT);
    }

    /** As above; {@code closeWait}: how long {@link #close} waits for a look under way (a send of an edition: longer). */
    public RepeatedLook(String thread, String what, Duration every, Runnable look, Logger log, Duration closeWait) {
        this.what = what;
        this.closeWait = closeWait;
        this.every = every;
        this.look = look;
        this.log = log;
        this.outage = new OutageLog(what, log);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks now and then every {@code every} after the end of the last look. */
    public void start() {
        thread.scheduleWithFixedDelay(this::lookOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lookOnce() {
        try {
            look.run();
            outage.worked();
        } catch (RuntimeException ex) {
            if (!(ex instanceof StoreException store && outage.failed(store))) {
                log.error("{} failed; next look in {} s", what, every.toSeconds(), ex);
            }
        }
    }

    /** Stops looking; a look under way ends, not interrupted (waiting at most {@code closeWait} for it). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
