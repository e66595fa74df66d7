package org.rundbrief.feed;

/**
 * XML 1.0 (section 2.2) cannot carry most C0 control characters, U+FFFE/U+FFFF or unpaired
 * surrogates, not even as character references; such text would make the whole feed
 * unparsable. Article text comes from the internet, so every string goes through here before
 * it reaches the XML writer.
 */
final class XmlText {
    private XmlText() {}

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                ok = true;
                width = 2;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (ok && out != null) {
                out.append(s, i, i + width);
            }
            i += width - 1;
        }
        return out == null ? s : out.toString();
    }
}
