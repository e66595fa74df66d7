package org.rundbrief.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The array encoder writes exactly what Jakarta Mail's quoted-printable stream writes. */
class QuotedPrintableTest {
    private static byte[] jakarta(byte[] in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
            qp.write(in);
        }
        return out.toByteArray();
    }

    private static void assertSameAsJakarta(byte[] in) throws Exception {
        assertThat(new String(QuotedPrintable.encode(in), StandardCharsets.US_ASCII))
                .isEqualTo(new String(jakarta(in), StandardCharsets.US_ASCII));
    }

    static java.util.stream.Stream<String> edgeCases() {
        return java.util.stream.Stream.of("", " ", "  ", "a ", "a \n", "a\t\nb", "=", "Größe „so“ – ß\n", "a\r\nb\rc\n\rd\n\ne",
                "trailing space \r\n", "x".repeat(75), "x".repeat(76), "x".repeat(74) + "ü", "x".repeat(73) + " =",
                "x".repeat(200) + "\n" + "ä".repeat(60), " ".repeat(100) + "\n");
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void edgeCasesOfRfc2045Rules(String text) throws Exception {
        assertSameAsJakarta(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void randomTextOfSpacesBreaksAndUmlautsAtEveryLineLength() throws Exception {
        Random random = new Random(42);
        String alphabet = "ab =\t\r\n\u00e4\u201e\u2013.";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(400);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSameAsJakarta(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyByteValue() throws Exception {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertSameAsJakarta(all);
    }

    @Test
    void aDigestSizedPart() throws IOException, Exception {
        String paragraph = "Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. Für Kaffee, Brötchen "
                + "und Würstchen ist gesorgt – bitte bringt Handschuhe mit. <a href=\"https://example.org/?a=1&b=2\">x</a>\n";
        assertSameAsJakarta(paragraph.repeat(100).getBytes(StandardCharsets.UTF_8));
    }
}
