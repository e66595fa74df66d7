package org.rundbrief.subscriber;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets (Bucket4j) by key (a client, an address, a link): {@code capacity} requests at
 * once, then one more per {@code refill}. Time comes from the injected clock. The key table is a
 * Caffeine cache of at most {@code maxKeys}: a flood of fresh keys pushes out the least used ones,
 * never a busy (and so probably blocked) key, and a bucket idle long enough to be full again is
 * dropped, which changes nothing. Per process: several {@code serve} nodes each allow the rate,
 * which is fine for abuse protection.
 */
public final class RateLimiter {
    private final Cache<String, Bucket> buckets;
    private final Bandwidth bandwidth;
    private final TimeMeter time;

    public RateLimiter(Clock clock, int capacity, Duration refill, int maxKeys) {
        this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(1, refill).build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(refill.multipliedBy(capacity))
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run) // evict on the caller's thread: no background pool for a table this small
                .build();
    }

    /** Takes one token for {@code key}; false when its bucket is empty. */
    public boolean tryAcquire(String key) {
        return bucket(key).tryConsume(1);
    }

    /** Whether {@code key}'s bucket is empty now (takes nothing). */
    public boolean exhausted(String key) {
        return bucket(key).getAvailableTokens() < 1;
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
    }

    /** Takes every token {@code key} has left: a known abuser waits a whole refill. */
    public void drain(String key) {
        bucket(key).tryConsumeAsMuchAsPossible();
    }

    /** Keys held now (after pending evictions); for tests of the memory bound. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
