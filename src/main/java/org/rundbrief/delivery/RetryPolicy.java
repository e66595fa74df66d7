package org.rundbrief.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for transient failures (connection errors, 4xx): attempt n waits
 * {@code base * 2^(n-1)}, capped at {@code max}, ±25 % jitter so a recovering server is not hit by
 * every retry at once. After {@code maxAttempts} the delivery is failed for good.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 6);

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    public Duration delayAfter(int attempts) {
        long baseMs = base.toMillis() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(baseMs, max.toMillis());
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis((long) (capped * jitter));
    }
}
