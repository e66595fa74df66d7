package org.rundbrief.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets by key (an IP, an address): {@code capacity} requests at once, then one
 * more per {@code refill}. Time comes from the injected clock. Memory is bounded: when more than
 * {@code maxKeys} keys are held, full (idle) buckets are dropped, and if that is not enough (a
 * flood from many addresses) all are dropped: memory stays bounded, at the price of a fresh
 * burst for everyone. Per process: several
 * {@code serve} nodes each allow the rate, which is fine for abuse protection.
 */
public final class RateLimiter {
    private final Clock clock;
    private final int capacity;
    private final long refillMillis;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(Clock clock, int capacity, Duration refill, int maxKeys) {
        this.clock = clock;
        this.capacity = capacity;
        this.refillMillis = refill.toMillis();
        this.maxKeys = maxKeys;
    }

    /** Takes one token for {@code key}; false when its bucket is empty. */
    public boolean tryAcquire(String key) {
        long now = clock.millis();
        if (buckets.size() > maxKeys) {
            evictIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (b) {
            refill(b, now);
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    private void refill(Bucket b, long now) {
        if (now > b.at) {
            b.tokens = Math.min(capacity, b.tokens + (double) (now - b.at) / refillMillis);
            b.at = now;
        }
    }

    private void evictIdle(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                refill(b, now);
                if (b.tokens >= capacity) {
                    it.remove();
                }
            }
        }
        if (buckets.size() > maxKeys) {
            buckets.clear();
        }
    }
}
