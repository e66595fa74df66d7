package org.rundbrief.subscriber;

import org.rundbrief.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @Test
    void allowsTheBurstThenOnePerRefillPeriodPerKey() {
        var limiter = new RateLimiter(clock, 3, Duration.ofMinutes(1), 100);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfKeys() {
        var limiter = new RateLimiter(clock, 1, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("10.0." + i);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void aFloodOfFreshKeysDoesNotResetABlockedClient() {
        var limiter = new RateLimiter(clock, 10, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("203.0.113.9"); // blocked after 10, and keeps trying
        }
        int let = 0;
        for (int i = 0; i < 5000; i++) { // five times the table, the blocked client still trying now and then
            limiter.tryAcquire("10.1." + (i / 256) + "." + (i % 256));
            if (i % 50 == 0) {
                let += limiter.tryAcquire("203.0.113.9") ? 1 : 0;
            }
        }
        assertThat(let).isZero();
        assertThat(limiter.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void aBucketIdleLongEnoughToBeFullAgainIsDroppedWithoutChangingAnything() {
        var limiter = new RateLimiter(clock, 2, Duration.ofMinutes(1), 1000);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }
}
