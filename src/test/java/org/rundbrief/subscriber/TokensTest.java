package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;

class TokensTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    final Tokens tokens = new Tokens(new Signer("test-secret"), clock, "https://news.example.org");

    @Test
    void validTokenNamesItsSubscriber() {
        String t = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, 42, null, "");
        assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t)).isEqualTo(new Tokens.Check(Tokens.Check.State.VALID, 42, ""));
        assertThat(t).matches("[A-Za-z0-9_-]+");
    }

    @Nested
    class Refused {
        @Test
        void tokenOfAnotherPurpose() {
            String t = tokens.issue(Tokens.Purpose.PREFERENCES, 42, null, "");
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void tamperedSubscriberId() {
            byte[] raw = Base64.getUrlDecoder().decode(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, 42, null, ""));
            raw[8] ^= 1; // last byte of the id: 42 -> 43
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, forged).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void tokenSignedWithAnotherSecret() {
            var other = new Tokens(new Signer("other-secret"), clock, "https://news.example.org");
            String t = other.issue(Tokens.Purpose.UNSUBSCRIBE, 42, null, "");
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void garbageAndEmpty() {
            for (String t : new String[] {"", "abc", "%%%", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null}) {
                assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).state()).isEqualTo(Tokens.Check.State.INVALID);
            }
        }

        @Test
        void expiredConfirmation() {
            String t = tokens.issue(Tokens.Purpose.CONFIRM, 7, clock.instant().plus(Duration.ofDays(7)), "");
            clock.advance(Duration.ofDays(7));
            assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).valid()).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).state()).isEqualTo(Tokens.Check.State.EXPIRED);
        }
    }

    @Test
    void unsubscribeLinksNeverExpire() {
        String url = tokens.unsubscribeUrl(new Subscriber(5, EmailAddress.parse("a@example.org"), null,
                Subscriber.Status.CONFIRMED, Cadence.DAILY, "de", java.util.List.of(), clock.instant(), null, null));
        clock.advance(Duration.ofDays(3650));
        String token = url.substring("https://news.example.org/unsubscribe/".length());
        assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, token).subscriberId()).isEqualTo(5);
    }
}
