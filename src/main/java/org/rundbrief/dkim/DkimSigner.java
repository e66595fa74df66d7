package org.rundbrief.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs messages for one domain (RFC 6376) with one or two keys: rsa-sha256, and ed25519-sha256
 * beside it (RFC 8463: receivers that know Ed25519 check that one, the others the RSA one).
 * Relaxed/relaxed canonicalization. The cost per message is one pass over the body (its hash is
 * shared by both signatures) and one signature per key; the keys are parsed once, before, and each
 * thread initialises its signature objects once ({@link SigningEngine} computes them).
 * Thread-safe.
 */
public final class DkimSigner {
    /**
     * The header fields signed when present (RFC 6376 5.4.1: the ones a receiver shows or acts
     * on): who and what, the MIME structure, and the list headers, so RFC 8058 one-click
     * unsubscribing is covered by the signature (Gmail asks for that). From is signed once more
     * than it occurs ("over-signed", RFC 6376 8.15): a From added on the way breaks the signature.
     */
    static final List<String> SIGNED = List.of("from", "reply-to", "to", "cc", "subject", "date", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "list-id", "list-unsubscribe", "list-unsubscribe-post", "archived-at", "feedback-id", "auto-submitted");
    private static final int LINE = 76;

    /** One key: the algorithm's tag value (a=), the selector (s=) under which its public key is published. */
    public record Key(Algorithm algorithm, String selector, PrivateKey privateKey) {}

    /** The signing algorithms (RFC 6376 3.3, RFC 8463 3). */
    public enum Algorithm {
        RSA_SHA256("rsa-sha256", "SHA256withRSA"),
        ED25519_SHA256("ed25519-sha256", "Ed25519");

        final String tag;
        final String jca;

        Algorithm(String tag, String jca) {
            this.tag = tag;
            this.jca = jca;
        }
    }

    /** Each thread's SHA-256, made once (looking the provider up for every message took 2 % of a signed send's samples). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SigningEngine::sha256);

    private final String domain;
    private final List<Key> keys;
    private final Clock clock;
    /** Per key, each thread's signature object, initialised with the key: sign() leaves it ready for the next. */
    private final List<ThreadLocal<Signature>> prepared;

    /** Signs for {@code domain}; {@code clock} gives each signature its time (t=, RFC 6376 3.5). */
    public DkimSigner(String domain, List<Key> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a DKIM signer needs a key");
        }
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.keys = List.copyOf(keys);
        this.clock = clock;
        this.prepared = this.keys.stream().map(DkimSigner::perThread).toList();
    }

    private static ThreadLocal<Signature> perThread(Key key) {
        return ThreadLocal.withInitial(() -> {
            try {
                Signature signature = SigningEngine.signature(key.algorithm());
                signature.initSign(key.privateKey());
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the DKIM key of selector " + key.selector() + ": "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * The DKIM-Signature header fields (folded, without the final CRLF) for a message written
     * with {@code fields} (each "Name: value" exactly as it is written, folds included) and
     * {@code body} (the bytes after the blank line), one per key, to be written above all other
     * header fields.
     */
    public List<String> sign(List<String> fields, byte[] body) {
        Map<String, String> byName = new HashMap<>();
        for (String field : fields) {
            byName.putIfAbsent(nameOf(field), field); // messages we build never repeat a header
        }
        List<String> signed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            String field = byName.get(name);
            if (field != null) {
                signed.add(Relaxed.header(field));
                names.add(name);
            }
        }
        names.add("from");
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(body));
        long signedAt = clock.instant().getEpochSecond();
        List<String> signatures = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            Key key = keys.get(k);
            String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm().tag + "; c=relaxed/relaxed; d=" + domain
                    + ";\r\n\ts=" + key.selector() + "; t=" + signedAt + ";\r\n\th=" + String.join(":", names)
                    + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
            StringBuilder data = new StringBuilder(1024);
            for (String field : signed) {
                data.append(field).append("\r\n");
            }
            data.append(Relaxed.header(unsigned));
            signatures.add(unsigned + folded(signature(key, prepared.get(k).get(),
                    data.toString().getBytes(StandardCharsets.UTF_8))));
        }
        return signatures;
    }

    private static String nameOf(String field) {
        return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] bodyHash(byte[] body) {
        MessageDigest sha256 = SHA256.get();
        Relaxed.body(body, sha256);
        return sha256.digest(); // and ready for the next
    }

    /** RSA signs the header data with SHA-256; Ed25519 signs its SHA-256 hash (RFC 8463 3). */
    private static String signature(Key key, Signature signature, byte[] data) {
        try {
            signature.update(key.algorithm() == Algorithm.ED25519_SHA256 ? SHA256.get().digest(data) : data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the DKIM key of selector " + key.selector() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The b= value in lines a mail reader shows whole; verifiers drop the folding whitespace (RFC 6376 3.5). */
    private static String folded(String value) {
        StringBuilder out = new StringBuilder(value.length() + value.length() / LINE * 3);
        for (int at = 0; at < value.length(); at += LINE) {
            out.append(at == 0 ? "" : "\r\n\t").append(value, at, Math.min(value.length(), at + LINE));
        }
        return out.toString();
    }
}
