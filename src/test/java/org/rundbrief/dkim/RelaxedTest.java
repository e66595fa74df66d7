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
    void bodyAsInRfc6376Example() throws Exception {
        assertThat(canonical(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void trailingBlankLinesGoAndALastLineGetsItsLineEnd() throws Exception {
        assertThat(canonical("Hallo Jörg,\r\n  \r\n\t\r\n")).isEqualTo("Hallo Jörg,\r\n");
        assertThat(canonical("ohne Zeilenende")).isEqualTo("ohne Zeilenende\r\n");
    }

    @Test
    void aBodyLongerThanOneChunkComesOutWholeAndInOrder() throws Exception {
        StringBuilder body = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            // runs of blanks on chunk edges: every line is 15 to 25 bytes, the chunk 8,192
            body.append("Zeile ").append(i).append(" \t ß  ").append("x".repeat(1 + i % 9)).append(" \r\n");
            expected.append("Zeile ").append(i).append(" ß ").append("x".repeat(1 + i % 9)).append("\r\n");
        }
        String bigLine = "ü".repeat(9000);
        body.append(bigLine).append("\r\n\r\n");
        expected.append(bigLine).append("\r\n");
        assertThat(canonical(body.toString())).isEqualTo(expected.toString());
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
