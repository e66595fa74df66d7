package org.rundbrief.subscriber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.rundbrief.mail.EmailAddress;

/**
 * Signed links for members: HMAC-SHA256 over (purpose, member, expiry, detail), so a token works
 * only for what it was made for, for that member, until it expires, and only while the member's
 * link key ({@link Subscriber#linkKey()}) is the one it was made with: raising the key revokes
 * every link sent before. Nothing is stored server side.
 *
 * <p>A token is lower-case hex of {@code 2 | sealed member (16) | expiry seconds (4, unsigned, 0 =
 * never) | detail (UTF-8) | mac (16, HMAC-SHA256 truncated)}. Hex, not base64: a base64 token
 * split at its dashes looked like a Bitcoin address to SpamAssassin now and then (PDS_BTC_ID, +1.0
 * for a random share of the digests); a hex token is one word. The sealed member is the id and link key in one AES block under a
 * key derived from the secret: a link does not show the sequential id (how many members there
 * are, or the next one's id). Preferences links expire after {@code security.preferencesLinkDays};
 * unsubscribe links do not expire (a List-Unsubscribe header in an old mail must keep working)
 * but are revoked with the key. The confirmation link of a subscription carries no expiry: it
 * works while the subscription is pending, whose days {@link SubscriberService} counts from when
 * the mail went out; the links confirming an address change or a comeback expire
 * {@value SubscriberService#PENDING_DAYS} days after they were made.
 *
 * <p>Links of version 1 (mailed before link keys existed) carry the id in the clear and stand for
 * key 0: their unsubscribe and confirm links work until the member's key is first raised; their
 * preferences links count as expired, so the page offers a fresh link (issue #23).
 */
public final class Tokens {
    public enum Purpose { CONFIRM, CHANGE_EMAIL, RESUBSCRIBE, UNSUBSCRIBE, PREFERENCES, UNDO_EMAIL_CHANGE }

    /**
     * What checking a token found: the member's id, the link key it was made with and the detail it
     * carries; all empty when INVALID. EXPIRED keeps them (the signature was right, so the page can
     * still speak the member's language).
     */
    public record Check(State state, long subscriberId, int linkKey, String detail) {
        public enum State { VALID, EXPIRED, INVALID }

        static final Check INVALID = new Check(State.INVALID, 0, 0, null);

        public boolean valid() {
            return state == State.VALID;
        }
    }

    private static final byte LEGACY = 1;
    private static final int LEGACY_HEADER = 1 + 8 + 8;
    private static final int LEGACY_MAC = 32;
    private static final byte VERSION = 2;
    private static final int HEADER = 1 + 16 + 4;
    /** 128 bits of the HMAC: far beyond guessing, and a shorter link. */
    private static final int MAC = 16;
    private static final Duration CONFIRM_VALIDITY = Duration.ofDays(SubscriberService.PENDING_DAYS);
    /** The "that wasn't me" link of an address change works this long. */
    static final Duration UNDO_VALIDITY = Duration.ofDays(7);

    private final Signer signer;
    private final Clock clock;
    private final String base;
    private final Duration preferencesValidity;
    /** Each thread's AES ciphers set up once (a cipher per token cost a provider look-up and a key schedule). */
    private final ThreadLocal<Cipher> sealing;
    private final ThreadLocal<Cipher> unsealing;

    public Tokens(Signer signer, Clock clock, String siteBase, int preferencesLinkDays) {
        this.signer = signer;
        this.clock = clock;
        this.base = siteBase;
        this.preferencesValidity = Duration.ofDays(preferencesLinkDays);
        // Set up at a thread's first token: a command that makes none does not load the JCE for it.
        this.sealing = ThreadLocal.withInitial(() -> aes(Cipher.ENCRYPT_MODE, sealKey()));
        this.unsealing = ThreadLocal.withInitial(() -> aes(Cipher.DECRYPT_MODE, sealKey()));
    }

    /**
     * Carries no end of its own: it works while the subscription is pending, which ends
     * {@value SubscriberService#PENDING_DAYS} days after the confirmation mail went out (the mail
     * may wait in the outbox for days while the mail server is down), see {@link SubscriberService#follow}.
     */
    public String confirmUrl(Subscriber s) {
        return base + "/confirm/" + issue(Purpose.CONFIRM, s, null, "");
    }

    /** Confirms a new address chosen on the preferences page; the address travels in the token. */
    public String changeEmailUrl(Subscriber s, EmailAddress newEmail) {
        return base + "/confirm/" + issue(Purpose.CHANGE_EMAIL, s, clock.instant().plus(CONFIRM_VALIDITY), newEmail.value());
    }

    /**
     * Confirms the comeback of a member who left, with the choices of the form that asked for it
     * ({@code choices}, as {@link SubscriberService} writes them): nothing of the member changes before.
     */
    public String resubscribeUrl(Subscriber s, String choices) {
        return base + "/confirm/" + issue(Purpose.RESUBSCRIBE, s, clock.instant().plus(CONFIRM_VALIDITY), choices);
    }

    public String unsubscribeUrl(Subscriber s) {
        return base + "/unsubscribe/" + issue(Purpose.UNSUBSCRIBE, s, null, "");
    }

    public String preferencesUrl(Subscriber s) {
        return base + "/preferences/" + issue(Purpose.PREFERENCES, s, clock.instant().plus(preferencesValidity), "");
    }

    /** "That wasn't me": gives the member back {@code oldEmail}; mailed to that address after a change. */
    public String undoEmailChangeUrl(Subscriber s, EmailAddress oldEmail) {
        return base + "/undo/" + issue(Purpose.UNDO_EMAIL_CHANGE, s, clock.instant().plus(UNDO_VALIDITY), oldEmail.value());
    }

    /** {@code expires} null means never. */
    String issue(Purpose purpose, Subscriber s, Instant expires, String detail) {
        byte[] d = detail.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(HEADER + d.length + MAC);
        payload.put(VERSION).put(seal(s.id(), s.linkKey())).putInt(expires == null ? 0 : (int) expires.getEpochSecond()).put(d);
        payload.put(mac(purpose, payload.array(), HEADER + d.length), 0, MAC);
        return HexFormat.of().formatHex(payload.array());
    }

    public Check check(Purpose purpose, String token) {
        if (token == null) {
            return Check.INVALID;
        }
        boolean legacy = token.startsWith("AQ"); // base64url of version 1
        byte[] raw;
        try {
            raw = legacy ? Base64.getUrlDecoder().decode(token) : HexFormat.of().parseHex(token);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        int header = legacy ? LEGACY_HEADER : HEADER;
        int macLength = legacy ? LEGACY_MAC : MAC;
        if (raw.length < header + macLength || raw[0] != (legacy ? LEGACY : VERSION)) {
            return Check.INVALID;
        }
        int signed = raw.length - macLength;
        // constant-time compare: the answer time must not tell how many bytes of a guess were right
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(purpose, raw, signed), macLength), Arrays.copyOfRange(raw, signed, raw.length))) {
            return Check.INVALID;
        }
        long id;
        int linkKey;
        long expires;
        if (legacy) {
            ByteBuffer b = ByteBuffer.wrap(raw, 1, 16);
            id = b.getLong();
            linkKey = 0;
            expires = b.getLong();
        } else {
            ByteBuffer member = ByteBuffer.wrap(unseal(Arrays.copyOfRange(raw, 1, 17)));
            id = member.getLong();
            linkKey = member.getInt();
            expires = Integer.toUnsignedLong(ByteBuffer.wrap(raw, 17, 4).getInt());
        }
        String detail = new String(raw, header, signed - header, StandardCharsets.UTF_8);
        boolean legacyPreferences = legacy && purpose == Purpose.PREFERENCES;
        if (legacyPreferences || expires != 0 && clock.instant().getEpochSecond() > expires) {
            return new Check(Check.State.EXPIRED, id, linkKey, detail);
        }
        return new Check(Check.State.VALID, id, linkKey, detail);
    }

    private byte[] mac(Purpose purpose, byte[] data, int length) {
        byte[] p = ("token:" + purpose.name() + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(p, p.length + length);
        System.arraycopy(data, 0, all, p.length, length);
        return signer.sign(all);
    }

    /**
     * One AES block over (id, link key, 4 zero bytes): a keyed permutation, so each member and key
     * has one fixed sealed form and nobody without the secret can tell the id from it. Integrity
     * comes from the MAC over the whole token, not from this.
     */
    private byte[] seal(long id, int linkKey) {
        return block(sealing.get(), ByteBuffer.allocate(16).putLong(id).putInt(linkKey).putInt(0).array());
    }

    private byte[] unseal(byte[] sealed) {
        return block(unsealing.get(), sealed);
    }

    private static byte[] block(Cipher cipher, byte[] block) {
        try {
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed on one block", e);
        }
    }

    private SecretKeySpec sealKey() {
        return new SecretKeySpec(Arrays.copyOf(signer.sign("token:seal".getBytes(StandardCharsets.US_ASCII)), 16), "AES");
    }

    private static Cipher aes(int mode, SecretKeySpec key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding"); // a single block: ECB is the raw permutation
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }
}
