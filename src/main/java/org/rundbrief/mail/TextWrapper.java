package org.rundbrief.mail;

/**
 * Wraps plain text at 72 columns (RFC 3676's advice for text mail) on spaces. Words longer than the
 * line (URLs) stay whole on a line of their own; indentation of a wrapped line is kept; trailing
 * spaces go, except in the signature separator. Digests and transactional mails alike: a line
 * stays within RFC 5322's 78 characters unless it is one word.
 */
public final class TextWrapper {
    public static final int WIDTH = 72;
    /** RFC 3676 4.3: "-- " alone on a line starts the signature; mail clients need its space. */
    static final String SIGNATURE_SEPARATOR = "-- ";

    private TextWrapper() {}

    public static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (true) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            wrapLine(SIGNATURE_SEPARATOR.equals(line) ? line : line.stripTrailing(), out);
            if (end < 0) {
                return out.toString();
            }
            out.append('\n');
            start = end + 1;
        }
    }

    private static void wrapLine(String line, StringBuilder out) {
        if (line.length() <= WIDTH) {
            out.append(line);
            return;
        }
        int indentLength = 0;
        while (indentLength < line.length() && line.charAt(indentLength) == ' ') {
            indentLength++;
        }
        String indent = line.substring(0, indentLength);
        int column = 0;
        boolean first = true;
        int start = indentLength;
        while (start < line.length()) {
            int end = line.indexOf(' ', start);
            end = end < 0 ? line.length() : end;
            int length = end - start;
            if (first) {
                out.append(indent).append(line, start, end);
                column = indentLength + length;
                first = false;
            } else if (column + 1 + length > WIDTH) {
                out.append('\n').append(indent).append(line, start, end);
                column = indentLength + length;
            } else {
                out.append(' ').append(line, start, end);
                column += 1 + length;
            }
            start = end;
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
        }
    }
}
