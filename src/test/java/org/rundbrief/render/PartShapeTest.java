package org.rundbrief.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A part cut into fixed and personal lines fills to the same text as the whole cut text. */
class PartShapeTest {
    private static final String[] FRAGMENTS = {"", "\n", "<p>", "Größe „so“\n", " ", "a\nb", "\n\n", "</td>\n  <td>"};
    private static final Personal PERSONAL = new Personal("Jörg <Müller> & \"Söhne\"",
            "https://news.example.org/unsubscribe/t0k3n", "https://news.example.org/preferences/t0k3n");

    @Test
    void htmlLinesWithSlotsAnywhereFillAsTheWholeText() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int slots = random.nextInt(4);
            List<String> literals = new ArrayList<>();
            List<Spliced.Slot> cut = new ArrayList<>();
            for (int i = 0; i <= slots; i++) {
                StringBuilder literal = new StringBuilder();
                for (int f = random.nextInt(4); f > 0; f--) {
                    literal.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
                literals.add(literal.toString());
                if (i < slots) {
                    cut.add(new Spliced.Slot(Personal.Field.values()[random.nextInt(3)], random.nextBoolean()));
                }
            }
            Spliced html = new Spliced(literals, cut);
            PartShape shape = PartShape.html(html);

            assertThat(shape.fill(PERSONAL).toString()).as("round %d: %s", round, literals).isEqualTo(html.fill(PERSONAL));
            assertThat(shape.segments().stream().filter(s -> s instanceof PartShape.Filled).count())
                    .as("lines holding a value").isLessThanOrEqualTo(slots);
        }
    }

    @Test
    void onlyTheLinesHoldingAValueAreFilledPerRecipient() {
        Spliced html = new Spliced(List.of("<table>\n<tr><td>Hallo ", "!</td></tr>\n<tr><td>Fuß</td></tr>\n<a href=\"",
                "\">abbestellen</a>\n</table>"), List.of(new Spliced.Slot(Personal.Field.RECIPIENT, true),
                new Spliced.Slot(Personal.Field.UNSUBSCRIBE_URL, true)));

        List<PartShape.Segment> segments = PartShape.html(html).segments();

        assertThat(segments).hasSize(5);
        assertThat(segments.get(0)).isInstanceOf(PartShape.Fixed.class).hasToString(
                "Fixed[lines=<table>\n]");
        assertThat(((PartShape.Filled) segments.get(1)).lines().fill(PERSONAL))
                .isEqualTo("<tr><td>Hallo Jörg &lt;Müller&gt; &amp; &quot;Söhne&quot;!</td></tr>\n");
        assertThat(segments.get(2)).hasToString("Fixed[lines=<tr><td>Fuß</td></tr>\n]");
        assertThat(segments.get(3)).isInstanceOf(PartShape.Filled.class);
        assertThat(segments.get(4)).hasToString("Fixed[lines=</table>]");
    }
}
