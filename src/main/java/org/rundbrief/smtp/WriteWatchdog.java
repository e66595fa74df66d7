package org.rundbrief.smtp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for all {@link WatchedSocket}s: every {@code TICK} it closes the sockets whose
 * write has been blocked longer than their timeout. It runs only while a socket is open, so an idle
 * process has no timer waking up; a write costs the writer two volatile stores and no hand-off.
 */
final class WriteWatchdog {
    /** How late a stuck write may be noticed beyond its timeout. */
    static final java.time.Duration TICK = java.time.Duration.ofMillis(100);
    static final WriteWatchdog SHARED = new WriteWatchdog();

    private final Set<WatchedSocket> sockets = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> checking; // guarded by this

    private WriteWatchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smtp-write-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    synchronized void watch(WatchedSocket socket) {
        sockets.add(socket);
        if (checking == null) {
            checking = timer.scheduleWithFixedDelay(this::check, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void forget(WatchedSocket socket) {
        sockets.remove(socket);
    }

    private void check() {
        long now = System.nanoTime();
        sockets.removeIf(s -> s.isClosed() || s.closeIfStuck(now));
        synchronized (this) { // watch() adds under the same lock, so no socket is left unwatched
            if (sockets.isEmpty()) {
                checking.cancel(false);
                checking = null;
            }
        }
    }
}
