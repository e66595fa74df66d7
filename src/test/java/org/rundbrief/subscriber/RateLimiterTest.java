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
        assertThat(limiter).extracting("buckets").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .hasSizeLessThanOrEqualTo(1001);
    }
}
