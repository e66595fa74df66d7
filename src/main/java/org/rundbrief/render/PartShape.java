package org.rundbrief.render;

import java.util.ArrayList;
import java.util.List;
import org.rundbrief.mail.TextWrapper;
import org.rundbrief.mail.MailText;

/**
 * One part of a digest shape (the HTML or the text) as each recipient's copy is made from it: runs
 * of whole lines without a personal value, encoded once for every recipient of the shape
 * ({@link MailText.Lines}), and the lines that hold one, filled per recipient (in the text part
 * also wrapped, since the value's length decides the breaks). Filled, it is the same text as
 * {@link Spliced#fill} or {@link WrappedText}'s wrapping of the filled text.
 */
record PartShape(List<Segment> segments) {
    sealed interface Segment permits Fixed, Filled {}

    /** Lines every recipient gets as they are. */
    record Fixed(MailText.Lines lines) implements Segment {}

    /** Lines with a personal value; {@code wrap}: wrapped after filling; {@code lineBreak}: a line break follows. */
    record Filled(Spliced lines, boolean wrap, boolean lineBreak) implements Segment {}

    MailText fill(Personal personal) {
        MailText.Builder text = MailText.builder();
        for (Segment segment : segments) {
            if (segment instanceof Fixed fixed) {
                text.add(fixed.lines());
            } else if (segment instanceof Filled filled) {
                String lines = filled.lines().fill(personal);
                text.add(filled.wrap() ? TextWrapper.wrap(lines) : lines);
                if (filled.lineBreak()) {
                    text.add("\n");
                }
            }
        }
        return text.build();
    }

    /** The HTML part: {@code html} cut into lines, the ones holding a slot kept apart. */
    static PartShape html(Spliced html) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder fixed = new StringBuilder(); // whole lines without a slot, not yet added
        StringBuilder line = new StringBuilder(); // the current line, up to the next slot
        List<String> lineLiterals = new ArrayList<>();
        List<Spliced.Slot> lineSlots = new ArrayList<>();
        for (int i = 0; i < html.literals().size(); i++) {
            String literal = html.literals().get(i);
            int start = 0;
            for (int nl = literal.indexOf('\n'); nl >= 0; nl = literal.indexOf('\n', start)) {
                line.append(literal, start, nl + 1);
                start = nl + 1;
                if (lineSlots.isEmpty()) {
                    fixed.append(line);
                } else {
                    addFixed(fixed, segments);
                    lineLiterals.add(line.toString());
                    segments.add(new Filled(new Spliced(List.copyOf(lineLiterals), List.copyOf(lineSlots)), false, false));
                    lineLiterals.clear();
                    lineSlots.clear();
                }
                line.setLength(0);
            }
            line.append(literal, start, literal.length());
            if (i < html.slots().size()) {
                lineLiterals.add(line.toString());
                lineSlots.add(html.slots().get(i));
                line.setLength(0);
            }
        }
        if (lineSlots.isEmpty()) {
            fixed.append(line);
            addFixed(fixed, segments);
        } else {
            addFixed(fixed, segments);
            lineLiterals.add(line.toString());
            segments.add(new Filled(new Spliced(List.copyOf(lineLiterals), List.copyOf(lineSlots)), false, false));
        }
        return new PartShape(List.copyOf(segments));
    }

    /** The text part: {@code text}'s pieces, joined by line breaks. */
    static PartShape text(WrappedText text) {
        List<Segment> segments = new ArrayList<>();
        List<WrappedText.Piece> pieces = text.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            WrappedText.Piece piece = pieces.get(i);
            boolean last = i == pieces.size() - 1;
            if (piece.personal()) {
                segments.add(new Filled(piece.lines(), true, !last));
            } else {
                segments.add(new Fixed(MailText.Lines.of(piece.lines().literals().get(0) + (last ? "" : "\n"))));
            }
        }
        return new PartShape(List.copyOf(segments));
    }

    private static void addFixed(StringBuilder fixed, List<Segment> segments) {
        if (!fixed.isEmpty()) {
            segments.add(new Fixed(MailText.Lines.of(fixed.toString())));
            fixed.setLength(0);
        }
    }
}
