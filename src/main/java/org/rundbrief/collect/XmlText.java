package org.rundbrief.collect;

/** Characters that XML 1.0 (§2.2 Char) does not allow, and which no stored text should carry. */
final class XmlText {
    private XmlText() {}

    /** Removes C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF and lone surrogates. */
    static String stripIllegal(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * A reader that drops C0 controls (other than TAB/LF/CR) and U+FFFE/U+FFFF while streaming.
     * Surrogates pass through: a lone one makes the parser fail the feed with a reason.
     */
    static java.io.Reader legalOnly(java.io.Reader in) {
        return new java.io.FilterReader(in) {
            @Override
            public int read(char[] buf, int off, int len) throws java.io.IOException {
                int n;
                do {
                    n = super.read(buf, off, len);
                    if (n <= 0) {
                        return n;
                    }
                    int kept = off;
                    for (int i = off; i < off + n; i++) {
                        char c = buf[i];
                        if (c >= 0x20 ? c < 0xFFFE : c == '\t' || c == '\n' || c == '\r') {
                            buf[kept++] = c;
                        }
                    }
                    n = kept - off;
                } while (n == 0);
                return n;
            }

            @Override
            public int read() throws java.io.IOException {
                char[] one = new char[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }
        };
    }
}
