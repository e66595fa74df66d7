package org.rundbrief.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A syntactically valid, normalized email address: trimmed, lower-cased, the domain in Unicode
 * form (IDN, e.g. {@code bücher.example}). Built only through {@link #parse}, so holding one means
 * it is safe to put into a header (no CR, LF or other control characters).
 */
public record EmailAddress(String value) {
    // Local part: the dot-atom of RFC 5322 plus UTF-8 letters (RFC 6531); no quoted local parts.
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        if (value == null) {
            throw new IllegalArgumentException("email address is missing");
        }
    }

    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new Invalid("empty", "email address is empty");
        }
        String s = raw.strip();
        if (s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new Invalid("control", "email address contains control characters (CR/LF?)");
        }
        if (s.length() > 254) {
            throw new Invalid("tooLong", "email address is longer than 254 characters");
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            throw new Invalid("notAnAddress", "'" + s + "' is not an email address (expected name@domain)");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new Invalid("localPart", "'" + s + "' has an invalid part before the @");
        }
        boolean plain = domain.chars().allMatch(ch -> ch < 0x80);
        String ascii;
        try {
            // IDN conversion only for non-ASCII domains: it is the slowest step of a big import
            ascii = plain ? domain : IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("domain", "'" + s + "' has an invalid domain");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new Invalid("noTopLevelDomain", "'" + s + "' has no top-level domain");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new Invalid("domain", "'" + s + "' has an invalid domain");
            }
        }
        return new EmailAddress(local.toLowerCase(Locale.ROOT) + "@" + (plain && !ascii.contains("xn--") ? ascii : IDN.toUnicode(ascii)));
    }

    /**
     * Why a text is not an address: {@code kind} is one of empty, control, tooLong, notAnAddress,
     * localPart, domain, noTopLevelDomain (for texts in the reader's language); the message is English.
     */
    public static final class Invalid extends IllegalArgumentException {
        private final String kind;

        Invalid(String kind, String message) {
            super(message);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    /** The address with the domain in ASCII (punycode) form, for SMTP servers without SMTPUTF8. */
    public String ascii() {
        int at = value.lastIndexOf('@');
        return value.substring(0, at) + "@" + IDN.toASCII(value.substring(at + 1));
    }

    @Override
    public String toString() {
        return value;
    }
}
