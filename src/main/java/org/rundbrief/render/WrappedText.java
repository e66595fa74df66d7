package org.rundbrief.render;

import org.rundbrief.mail.TextWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The text part of a digest shape, ready for {@link TextWrapper}: the wrapper works line by line,
 * so lines without a personal value are wrapped once here and only the lines with one (the
 * greeting, the links) are wrapped per recipient, where the value's length decides the breaks.
 * Filled ({@link PartShape#text}), it is exactly {@code TextWrapper.wrap} of the text rendered with
 * the real values.
 */
record WrappedText(List<Piece> pieces) {
    /** Lines joined by newlines: fixed and already wrapped, or to be filled and wrapped. */
    record Piece(Spliced lines, boolean personal) {}

    /** Null when a line cannot be cut at its stand-ins. */
    static WrappedText of(String rendered, Sentinels sentinels, Personal standIns) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder fixed = null;
        int start = 0;
        while (true) {
            int end = rendered.indexOf('\n', start);
            String line = rendered.substring(start, end < 0 ? rendered.length() : end);
            if (sentinels.touches(line)) {
                if (fixed != null) {
                    pieces.add(new Piece(Spliced.fixed(TextWrapper.wrap(fixed.toString())), false));
                    fixed = null;
                }
                Spliced spliced = sentinels.split(line, standIns);
                if (spliced == null) {
                    return null;
                }
                pieces.add(new Piece(spliced, true));
            } else if (fixed == null) {
                fixed = new StringBuilder(line);
            } else {
                fixed.append('\n').append(line);
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (fixed != null) {
            pieces.add(new Piece(Spliced.fixed(TextWrapper.wrap(fixed.toString())), false));
        }
        return new WrappedText(List.copyOf(pieces));
    }
}
