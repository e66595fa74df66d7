package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;

class TokensTest {
    static final String BASE = "https://news.example.org";
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    final Signer signer = new Signer("test-secret");
    final Tokens tokens = new Tokens(signer, clock, BASE, 180);

    static Subscriber member(long id, int linkKey) {
        return new Subscriber(id, EmailAddress.parse("a@example.org"), null, Subscriber.Status.CONFIRMED, Cadence.DAILY,
                "de", List.of(), Instant.EPOCH, null, null, linkKey);
    }

    static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void validTokenNamesItsSubscriberAndLinkKey() {
        String t = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, member(42, 3), null, "");
        assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t)).isEqualTo(new Tokens.Check(Tokens.Check.State.VALID, 42, 3, ""));
        assertThat(t).matches("[0-9a-f]+");
    }

    @Test
    void tokensDoNotRevealTheSequentialId() {
        String a = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, member(41, 0), null, "");
        String b = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, member(42, 0), null, "");
        byte[] rawA = java.util.HexFormat.of().parseHex(a);
        byte[] rawB = java.util.HexFormat.of().parseHex(b);
        // no 8-byte big-endian 41/42 anywhere, and neighbours differ in more than their last byte
        byte[] id = ByteBuffer.allocate(8).putLong(42).array();
        for (int i = 0; i + 8 <= rawB.length; i++) {
            assertThat(Arrays.copyOfRange(rawB, i, i + 8)).isNotEqualTo(id);
        }
        int differing = 0;
        for (int i = 1; i < 17; i++) {
            differing += rawA[i] != rawB[i] ? 1 : 0;
        }
        assertThat(differing).isGreaterThan(8);
    }

    @Nested
    class Refused {
        @Test
        void tokenOfAnotherPurpose() {
            String t = tokens.issue(Tokens.Purpose.PREFERENCES, member(42, 0), null, "");
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void tamperedMember() {
            byte[] raw = java.util.HexFormat.of().parseHex(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, member(42, 0), null, ""));
            raw[8] ^= 1;
            String forged = java.util.HexFormat.of().formatHex(raw);
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, forged).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void tokenSignedWithAnotherSecret() {
            var other = new Tokens(new Signer("other-secret"), clock, BASE, 180);
            String t = other.issue(Tokens.Purpose.UNSUBSCRIBE, member(42, 0), null, "");
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, t).state()).isEqualTo(Tokens.Check.State.INVALID);
        }

        @Test
        void garbageAndEmpty() {
            for (String t : new String[] {"", "abc", "%%%", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "02" + "00".repeat(40), null}) {
                assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).state()).isEqualTo(Tokens.Check.State.INVALID);
            }
        }

        @Test
        void expiredConfirmation() {
            String t = tokens.issue(Tokens.Purpose.CONFIRM, member(7, 0), clock.instant().plus(Duration.ofDays(7)), "");
            clock.advance(Duration.ofDays(7));
            assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).valid()).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(tokens.check(Tokens.Purpose.CONFIRM, t).state()).isEqualTo(Tokens.Check.State.EXPIRED);
        }
    }

    /** SpamAssassin's __BITCOIN_ID: after a word boundary, 1 or 3 and 29-34 base58 characters, then a boundary. */
    @Test
    void noTokenLooksLikeABitcoinAddressToSpamFilters() {
        java.util.regex.Pattern bitcoin = java.util.regex.Pattern.compile(
                "\\b(?<!=)(?:[13](?:(?:[-_=\\s][a-km-zA-HJ-NP-Z1-9]){29,34}|[a-km-zA-HJ-NP-Z1-9]{29,34}))\\b");
        for (long id = 1; id <= 5000; id++) {
            String url = tokens.unsubscribeUrl(member(id, (int) (id % 3)));
            assertThat(bitcoin.matcher(url).find()).as(url).isFalse();
        }
    }

    @Test
    void unsubscribeLinksNeverExpire() {
        String token = token(tokens.unsubscribeUrl(member(5, 0)));
        clock.advance(Duration.ofDays(3650));
        assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, token).valid()).isTrue();
        assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, token).subscriberId()).isEqualTo(5);
    }

    @Test
    void preferencesLinksExpireAfterTheConfiguredDays() {
        String token = token(tokens.preferencesUrl(member(5, 2)));
        clock.advance(Duration.ofDays(180));
        assertThat(tokens.check(Tokens.Purpose.PREFERENCES, token).valid()).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(tokens.check(Tokens.Purpose.PREFERENCES, token))
                .isEqualTo(new Tokens.Check(Tokens.Check.State.EXPIRED, 5, 2, ""));
    }

    /** Links mailed before link keys existed: version 1, id in the clear, no expiry. */
    @Nested
    class Legacy {
        String legacy(Tokens.Purpose purpose, long id) {
            ByteBuffer payload = ByteBuffer.allocate(17 + 32).put((byte) 1).putLong(id).putLong(0);
            byte[] prefix = ("token:" + purpose.name() + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] signed = Arrays.copyOf(prefix, prefix.length + 17);
            System.arraycopy(payload.array(), 0, signed, prefix.length, 17);
            payload.put(signer.sign(signed));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
        }

        @Test
        void unsubscribeLinksStillWorkAsLinkKeyZero() {
            assertThat(tokens.check(Tokens.Purpose.UNSUBSCRIBE, legacy(Tokens.Purpose.UNSUBSCRIBE, 9)))
                    .isEqualTo(new Tokens.Check(Tokens.Check.State.VALID, 9, 0, ""));
        }

        @Test
        void preferencesLinksCountAsExpiredSoThePageOffersAFreshOne() {
            assertThat(tokens.check(Tokens.Purpose.PREFERENCES, legacy(Tokens.Purpose.PREFERENCES, 9)).state())
                    .isEqualTo(Tokens.Check.State.EXPIRED);
        }
    }
}
