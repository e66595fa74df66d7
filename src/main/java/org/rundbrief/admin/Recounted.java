package org.rundbrief.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last result of a count over a large table, recounted in the background once it is older
 * than {@code maxAge}: a call answers at once with the last result (only the first call of a
 * process waits for a count), and at most one recount runs at a time. For the dashboard's numbers
 * on a long member list, where one count reads a million rows (bench/README.md, "The office desk
 * at a million members").
 */
final class Recounted<T> {
    private static final Logger log = LoggerFactory.getLogger(Recounted.class);

    /** A result and when its count started. */
    record Counted<T>(T value, Instant at) {}

    private final String name;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicReference<Counted<T>> last = new AtomicReference<>();
    private final AtomicBoolean recounting = new AtomicBoolean();

    Recounted(String name, Clock clock, Duration maxAge) {
        this.name = name;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The last result (counted by {@code count} now if there is none); a stale one starts a recount. */
    Counted<T> get(Supplier<T> count) {
        Counted<T> known = last.get();
        if (known == null) {
            return count(count);
        }
        if (known.at().plus(maxAge).isBefore(clock.instant()) && recounting.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    count(count);
                } catch (RuntimeException e) {
                    log.warn("recounting {} failed: {}", name, e.toString());
                } finally {
                    recounting.set(false);
                }
            }, "recount-" + name);
            t.setDaemon(true);
            t.start();
        }
        return known;
    }

    private Counted<T> count(Supplier<T> count) {
        Instant at = clock.instant();
        Counted<T> counted = new Counted<>(count.get(), at);
        last.set(counted);
        return counted;
    }
}
