package org.rundbrief.edition;

/**
 * Wraps plain text at 72 columns (RFC 3676's advice for text mail) on spaces. Words longer than the
 * line (URLs) stay whole on a line of their own; indentation of a wrapped line is kept.
 */
final class TextWrapper {
    static final int WIDTH = 72;

    private TextWrapper() {}

    static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            wrapLine(line.stripTrailing(), out);
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
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
        for (String word : line.substring(indentLength).split(" +")) {
            if (first) {
                out.append(indent).append(word);
                column = indentLength + word.length();
                first = false;
            } else if (column + 1 + word.length() > WIDTH) {
                out.append('\n').append(indent).append(word);
                column = indentLength + word.length();
            } else {
                out.append(' ').append(word);
                column += 1 + word.length();
            }
        }
    }
}
