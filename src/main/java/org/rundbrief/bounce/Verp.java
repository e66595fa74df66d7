package org.rundbrief.bounce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.ReturnPath;
import org.rundbrief.subscriber.Signer;

/**
 * Variable envelope return paths: every message goes out with the envelope sender
 * {@code bounces+<reference>-<signature>@example.org} ({@code bounce.address} with the message's
 * {@link BounceReference} and an HMAC of it added), so a delivery report that comes back names the
 * message it is about, whatever the reporting server wrote into it. The signature (64 bits of
 * HMAC-SHA256 with the installation's secret, hex, so a server that lower-cases the local part
 * does not break it) keeps anyone else from bouncing a member off the list with a forged report.
 */
public final class Verp implements ReturnPath {
    private static final int SIGNATURE_BYTES = 8;
    private final String local;
    private final String domain;
    private final Signer signer;

    /** {@code address} as checked by the config: {@code local@domain}, ASCII, no '+'. */
    public Verp(String address, Signer signer) {
        int at = address.lastIndexOf('@');
        this.local = address.substring(0, at);
        this.domain = address.substring(at + 1);
        this.signer = signer;
    }

    /** The envelope sender of a message with {@code reference}; the plain bounce address without one. */
    @Override
    public String of(BounceReference reference) {
        if (reference == null) {
            return local + "@" + domain;
        }
        String token = reference.toString();
        return local + "+" + token + "-" + signature(token) + "@" + domain;
    }

    /**
     * The reference in a VERP address we made (the address a report was sent to); empty when the
     * address is not one of ours or its signature is wrong.
     */
    public Optional<BounceReference> reference(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        String prefix = local + "+";
        if (at < 0 || !a.substring(at + 1).equalsIgnoreCase(domain)
                || !a.substring(0, at).toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String token = a.substring(prefix.length(), at).toLowerCase(Locale.ROOT);
        int dash = token.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String reference = token.substring(0, dash);
        byte[] given = token.substring(dash + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(reference).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected)) {
            return Optional.empty();
        }
        return BounceReference.parse(reference);
    }

    private String signature(String reference) {
        byte[] mac = signer.sign(("verp:" + reference).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, SIGNATURE_BYTES);
    }
}
