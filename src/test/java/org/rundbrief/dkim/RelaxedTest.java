package org.rundbrief.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Relaxed canonicalization, against the example of RFC 6376 3.4.5 and the empty-body rule of 3.4.4. */
class RelaxedTest {
    @Test
    void headersAsInRfc6376Example() {
        assertThat(Relaxed.header("A: X")).isEqualTo("a:X");
        assertThat(Relaxed.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
    }

    @Test
    void headersAreRelaxedAsTheRfcsWordsSayForAnyMixOfBlanksAndFolds() {
        assertThat(Relaxed.header("Subject:   Grüße  vom\r\n \t Verein \t")).isEqualTo("subject:Grüße vom Verein");
        assertThat(Relaxed.header("  To \t:\tanna@example.org")).isEqualTo("to:anna@example.org");
        assertThat(Relaxed.header("X-Leer:  \r\n\t ")).isEqualTo("x-leer:");
        assertThat(Relaxed.header("X-Lf: a\n b")).as("a bare LF unfolds too").isEqualTo("x-lf:a b");
        assertThat(Relaxed.header("X-Cr: a\rb")).as("a CR without LF is no line break: it stays").isEqualTo("x-cr:a\rb");
        // Against the rule written as patterns (RFC 6376 3.4.2, one step each), on random fields:
        java.util.Random random = new java.util.Random(6376);
        String alphabet = "aZß: \t\r\n-;=";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder field = new StringBuilder(random.nextBoolean() ? "List-Id" : " Subject\t");
            field.append(':');
            for (int i = random.nextInt(30); i > 0; i--) {
                field.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Relaxed.header(field.toString())).as("%s", field).isEqualTo(headerByPatterns(field.toString()));
        }
    }

    /**
     * RFC 6376 3.4.2 step by step: lower-case name, unfold, blanks to one space, none at the value's
     * ends or around the colon. (\z, not $: $ also matches before a last lone CR, whose blanks are no end.)
     */
    private static String headerByPatterns(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).replaceAll("\\A[ \t]+|[ \t]+\\z", "").toLowerCase(java.util.Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replace("\n", "").replaceAll("[ \t]+", " ");
        return name + ":" + value.replaceAll("\\A[ \t]+|[ \t]+\\z", "");
    }

    @Test
    void bodyAsInRfc6376Example() throws Exception {
        assertThat(canonical(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void trailingBlankLinesGoAndALastLineGetsItsLineEnd() throws Exception {
        assertThat(canonical("Hallo Jörg,\r\n  \r\n\t\r\n")).isEqualTo("Hallo Jörg,\r\n");
        assertThat(canonical("ohne Zeilenende")).isEqualTo("ohne Zeilenende\r\n");
    }

    @Test
    void aLongBodyComesOutWholeAndInOrder() throws Exception {
        StringBuilder body = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            // longer than the thread's first buffer (64 KB), with a line longer than most bodies
            body.append("Zeile ").append(i).append(" \t ß  ").append("x".repeat(1 + i % 9)).append(" \r\n");
            expected.append("Zeile ").append(i).append(" ß ").append("x".repeat(1 + i % 9)).append("\r\n");
        }
        String bigLine = "ü".repeat(9000);
        body.append(bigLine).append("\r\n\r\n");
        expected.append(bigLine).append("\r\n");
        assertThat(canonical(body.toString())).isEqualTo(expected.toString());
    }

    @Test
    void anyBodyIsRelaxedAsTheRfcsWordsSay() throws Exception {
        java.util.Random random = new java.util.Random(4);
        String[] pieces = {"a", "Grüße", " ", "  ", "\t", "\r\n", "\r\n", "\n", "\r", "=20", "--=_b"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                body.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(canonical(body.toString())).as("%s", body).isEqualTo(bodyByPatterns(body.toString()));
        }
    }

    /** RFC 6376 3.4.4 step by step, on lines split at LF: blanks (and CRs) at a line's end go, other runs of blanks become one space, empty lines at the end go. */
    private static String bodyByPatterns(String body) {
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            out.append(line.replaceAll("[ \t\r]+\\z", "").replaceAll("[ \t]+", " ")).append("\r\n");
        }
        String relaxed = out.toString();
        while (relaxed.endsWith("\r\n\r\n")) {
            relaxed = relaxed.substring(0, relaxed.length() - 2);
        }
        return relaxed.equals("\r\n") ? "" : relaxed;
    }

    @Test
    void anEmptyBodyHashesAsNothing() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Relaxed.body(new byte[0], sha256);
        // RFC 6376 3.4.4: relaxed leaves an empty body empty (simple would make it one CRLF)
        assertThat(Base64.getEncoder().encodeToString(sha256.digest()))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    /** The canonical body as text: the digest sees exactly these bytes. */
    private static String canonical(String body) throws Exception {
        Recorder out = new Recorder();
        Relaxed.body(body.getBytes(StandardCharsets.UTF_8), out);
        return out.text.toString(StandardCharsets.UTF_8);
    }

    /** A digest that keeps what it is fed. */
    private static final class Recorder extends MessageDigest {
        final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();

        Recorder() {
            super("record");
        }

        @Override
        protected void engineUpdate(byte input) {
            text.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            text.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return text.toByteArray();
        }

        @Override
        protected void engineReset() {
            text.reset();
        }
    }
}
