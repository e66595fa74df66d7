package org.rundbrief.subscriber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.rundbrief.mail.EmailAddress;

/**
 * Signed links for members: HMAC-SHA256 over (purpose, subscriber id, expiry, detail), so a token
 * works only for what it was made for, for that subscriber, until it expires. A token is URL-safe
 * base64 of {@code version | id | expiry seconds (0 = never) | detail (UTF-8) | mac}; nothing is
 * stored server side. Unsubscribe and preferences links never expire (old mails must keep working);
 * confirmation links expire with the pending subscription.
 */
public final class Tokens {
    public enum Purpose { CONFIRM, CHANGE_EMAIL, UNSUBSCRIBE, PREFERENCES }

    /**
     * What checking a token found; {@code detail} only when VALID, {@code subscriberId} also when
     * EXPIRED (the signature was right, so the page can still speak the member's language).
     */
    public record Check(State state, long subscriberId, String detail) {
        public enum State { VALID, EXPIRED, INVALID }

        static final Check INVALID = new Check(State.INVALID, 0, null);

        public boolean valid() {
            return state == State.VALID;
        }
    }

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 8 + 8;
    private static final int MAC = 32;
    private static final Duration CONFIRM_VALIDITY = Duration.ofDays(SubscriberService.PENDING_DAYS);

    private final Signer signer;
    private final Clock clock;
    private final String base;

    public Tokens(Signer signer, Clock clock, String siteBase) {
        this.signer = signer;
        this.clock = clock;
        this.base = siteBase;
    }

    public String confirmUrl(Subscriber s) {
        return base + "/confirm/" + issue(Purpose.CONFIRM, s.id(), clock.instant().plus(CONFIRM_VALIDITY), "");
    }

    /** Confirms a new address chosen on the preferences page; the address travels in the token. */
    public String changeEmailUrl(Subscriber s, EmailAddress newEmail) {
        return base + "/confirm/" + issue(Purpose.CHANGE_EMAIL, s.id(), clock.instant().plus(CONFIRM_VALIDITY),
                newEmail.value());
    }

    public String unsubscribeUrl(Subscriber s) {
        return base + "/unsubscribe/" + issue(Purpose.UNSUBSCRIBE, s.id(), null, "");
    }

    public String preferencesUrl(Subscriber s) {
        return base + "/preferences/" + issue(Purpose.PREFERENCES, s.id(), null, "");
    }

    /** {@code expires} null means never. */
    public String issue(Purpose purpose, long subscriberId, Instant expires, String detail) {
        byte[] d = detail.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(HEADER + d.length + MAC);
        payload.put(VERSION).putLong(subscriberId).putLong(expires == null ? 0 : expires.getEpochSecond()).put(d);
        payload.put(mac(purpose, payload.array(), HEADER + d.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    public Check check(Purpose purpose, String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (raw.length < HEADER + MAC || raw[0] != VERSION) {
            return Check.INVALID;
        }
        int signed = raw.length - MAC;
        // constant-time compare: the answer time must not tell how many bytes of a guess were right
        if (!MessageDigest.isEqual(mac(purpose, raw, signed), Arrays.copyOfRange(raw, signed, raw.length))) {
            return Check.INVALID;
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, signed - 1);
        long id = b.getLong();
        long expires = b.getLong();
        if (expires != 0 && clock.instant().getEpochSecond() > expires) {
            return new Check(Check.State.EXPIRED, id, null);
        }
        return new Check(Check.State.VALID, id, new String(raw, HEADER, signed - HEADER, StandardCharsets.UTF_8));
    }

    private byte[] mac(Purpose purpose, byte[] data, int length) {
        byte[] p = ("token:" + purpose.name() + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(p, p.length + length);
        System.arraycopy(data, 0, all, p.length, length);
        return signer.sign(all);
    }
}
