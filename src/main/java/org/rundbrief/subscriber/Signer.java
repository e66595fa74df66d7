package org.rundbrief.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rundbrief.mail.EmailAddress;

/**
 * HMAC-SHA256 with the installation's secret: signs tokens and hashes addresses for the
 * suppression list (a keyed hash, so the list cannot be reversed with a dictionary of addresses
 * without the secret). The secret is {@code security.secret}, or when that is empty one generated
 * once and kept in the {@code setting} table, so a demo needs no configuration.
 */
public final class Signer {
    static final String SETTING = "security.secret";
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    public Signer(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("security.secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** The configured secret, else the stored one, else a fresh random one that is stored now. */
    public static Signer of(String configuredSecret, SubscriberStore store) {
        if (configuredSecret != null && !configuredSecret.isEmpty()) {
            return new Signer(configuredSecret);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new Signer(store.settingOrInsert(SETTING, Base64.getUrlEncoder().withoutPadding().encodeToString(random)));
    }

    public byte[] sign(byte[] data) {
        return mac.get().doFinal(data);
    }

    /** The suppression key of an address: hex HMAC of its normalized form. */
    public String emailHash(EmailAddress email) {
        return HexFormat.of().formatHex(sign(("suppress:" + email.value()).getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
