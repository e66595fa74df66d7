package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class PlainTextTest {
    /** The whitespace rules written as the regular expressions they replace: the reference. */
    static String reference(String raw) {
        String text = raw.replace('\u00a0', ' ').replaceAll("[ \\t]+", " ");
        text = text.replaceAll(" *\\n *", "\n");
        return text.replaceAll("\\n{3,}", "\n\n").trim();
    }

    @Test
    void tidiesWhitespaceExactlyLikeTheRegularExpressionsOnRandomText() {
        Random random = new Random(7);
        char[] alphabet = {'a', 'ä', '–', ' ', ' ', '\t', '\n', '\n', '\u00a0', '\r', '\u0001'};
        for (int n = 0; n < 5000; n++) {
            StringBuilder raw = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                raw.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(PlainText.tidy(raw)).as("%s", raw.toString().replace("\n", "\\n"))
                    .isEqualTo(reference(raw.toString()));
        }
    }

    @Test
    void paragraphsAreSeparatedByOneBlankLineAndLinksKeepTheirUrl() {
        String html = "<p>Liebe  Mitglieder,\u00a0 bitte</p>\n\n<p>Größe <a href=\"https://v.example.org/t\">Termin</a></p>"
                + "<ul><li>eins</li><li>zwei</li></ul>";
        assertThat(PlainText.of(Jsoup.parseBodyFragment(html).body()))
                .isEqualTo("Liebe Mitglieder, bitte\n\nGröße Termin (https://v.example.org/t)\n\n- eins\n- zwei");
    }
}
