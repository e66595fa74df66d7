package org.rundbrief.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A text put together from pre-encoded lines and strings encodes exactly as the whole text does. */
class MailTextTest {
    private static final String[] FRAGMENTS = {"", "\n", "\r\n", "\r", " ", "  \n", "a", "Größe „so“ – ß", "=",
            "x".repeat(80), "ende \n", ".\n", "line one\nline two\n", "\t", "ä".repeat(40)};

    private static String wholeEncoded(String text) {
        return new String(QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    @Test
    void piecesEncodeAsTheWholeTextWhereverTheyStartAndEnd() {
        Random random = new Random(5);
        for (int round = 0; round < 3_000; round++) {
            MailText.Builder builder = MailText.builder();
            StringBuilder whole = new StringBuilder();
            for (int p = random.nextInt(6); p >= 0; p--) {
                StringBuilder piece = new StringBuilder();
                for (int f = random.nextInt(4); f >= 0; f--) {
                    piece.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
                if (random.nextBoolean()) {
                    builder.add(MailText.Lines.of(piece.toString()));
                } else {
                    builder.add(piece.toString());
                }
                whole.append(piece);
            }
            MailText text = builder.build();
            assertThat(text.toString()).isEqualTo(whole.toString());
            assertThat(new String(quotedPrintable(text), StandardCharsets.US_ASCII))
                    .as("pieces of %s", whole).isEqualTo(wholeEncoded(whole.toString()));
        }
    }

    @Test
    void linesAreEncodedOnceAndTheirBytesReused() {
        MailText.Lines fixed = MailText.Lines.of("<p>Liebe Mitglieder, „Neuigkeiten“</p>\n");
        MailText a = MailText.builder().add(fixed).add("Hallo Anna\n").add(fixed).build();
        MailText b = MailText.builder().add(fixed).add("Hallo Jörg\n").add(fixed).build();

        assertThat(new String(quotedPrintable(a), StandardCharsets.US_ASCII)).isEqualTo(wholeEncoded(a.toString()));
        assertThat(new String(quotedPrintable(b), StandardCharsets.US_ASCII)).isEqualTo(wholeEncoded(b.toString()));
        assertThat(a).isNotEqualTo(b).isEqualTo(MailText.of(a.toString()));
        assertThat(a.hashCode()).isEqualTo(MailText.of(a.toString()).hashCode());
    }

    @Test
    void anEmptyTextEncodesToNothing() {
        assertThat(quotedPrintable(MailText.builder().build())).isEmpty();
        assertThat(quotedPrintable(MailText.of(""))).isEmpty();
        assertThat(MailText.builder().add("").build().toString()).isEmpty();
    }

    private static byte[] quotedPrintable(MailText text) {
        List<byte[]> chunks = new ArrayList<>();
        text.quotedPrintable(chunks);
        return Bytes.concat(chunks);
    }
}
