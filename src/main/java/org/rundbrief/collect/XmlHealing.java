package org.rundbrief.collect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Whether a feed needs Rome's XML healer ({@code XmlFixerReader}), which trims whitespace and
 * comments before the first tag and turns HTML entities ({@code &nbsp;}, a bare {@code &}) into
 * XML. The healer reads one character per call, about a fifth of parsing a large feed, and most
 * feeds give it nothing to do: a feed that starts with a tag and whose every {@code &} begins one
 * of XML's own references (XML 1.0 §4.1, §4.6) is parsed without it, unchanged.
 */
final class XmlHealing {
    private static final byte[] COMMENT = bytes("<!--");
    private static final byte[][] XML_ENTITIES = {bytes("amp;"), bytes("lt;"), bytes("gt;"), bytes("quot;"), bytes("apos;")};

    private XmlHealing() {}

    /**
     * False only when healing certainly changes nothing. The bytes are checked as they are, which is
     * sound for UTF-8 and single-byte charsets (where '&', '<', ';' and digits are never part of
     * another character); any other charset is always healed.
     */
    static boolean needed(byte[] body, int from, Charset charset) {
        if (!charset.equals(StandardCharsets.UTF_8) && charset.newEncoder().maxBytesPerChar() > 1) {
            return true;
        }
        if (from >= body.length || body[from] != '<' || startsWith(body, from, COMMENT)) {
            return true;
        }
        for (int i = from; i < body.length; i++) {
            if (body[i] == '&' && !isReference(body, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** An entity reference XML itself defines, or a character reference, starts at {@code at}. */
    private static boolean isReference(byte[] b, int at) {
        for (byte[] entity : XML_ENTITIES) {
            if (startsWith(b, at, entity)) {
                return true;
            }
        }
        if (at >= b.length || b[at] != '#') {
            return false;
        }
        boolean hex = at + 1 < b.length && b[at + 1] == 'x';
        int i = hex ? at + 2 : at + 1;
        int digits = 0;
        for (; i < b.length && isDigit(b[i], hex); i++) {
            digits++;
        }
        return digits > 0 && i < b.length && b[i] == ';';
    }

    private static boolean isDigit(byte c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
