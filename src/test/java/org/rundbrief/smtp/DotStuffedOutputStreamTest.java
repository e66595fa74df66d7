package org.rundbrief.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

/** Our dot-stuffing writes the same bytes as Jakarta Mail's SMTPOutputStream, however the data is cut into writes. */
class DotStuffedOutputStreamTest {
    private static final byte[] ALPHABET = {'.', '.', '\r', '\n', 'a', ' ', (byte) 0xc3};

    private static String ours(byte[] data, int[] cuts) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DotStuffedOutputStream out = new DotStuffedOutputStream(sink);
        writeInPieces(out, data, cuts);
        out.endLine();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    private static String jakarta(byte[] data, int[] cuts) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SMTPOutputStream out = new SMTPOutputStream(sink);
        writeInPieces(out, data, cuts);
        out.ensureAtBOL();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    private static void writeInPieces(OutputStream out, byte[] data, int[] cuts) throws IOException {
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(data.length, from + cut);
            if (to - from == 1 && cut % 2 == 0) {
                out.write(data[from]);
            } else {
                out.write(data, from, to - from);
            }
            from = to;
        }
        out.write(data, from, data.length - from);
    }

    @Test
    void sameBytesAsJakartaMailForRandomDataCutAnywhere() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 5_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int[] cuts = random.ints(random.nextInt(5), 0, 8).toArray();
            assertThat(ours(data, cuts)).as("round %d", round).isEqualTo(jakarta(data, cuts));
        }
    }

    @Test
    void doublesPeriodsAtLineStartsAndMendsLineBreaks() throws IOException {
        byte[] data = ".start\r\nmid.dle\r\n..two\nbare lf\rbare cr\r\n.".getBytes(StandardCharsets.US_ASCII);
        assertThat(ours(data, new int[0]))
                .isEqualTo("..start\r\nmid.dle\r\n...two\r\nbare lf\r\nbare cr\r\n..\r\n");
    }

    @Test
    void aFlushWaitsForTheClientsOwnFlush() throws IOException {
        int[] flushes = {0};
        OutputStream socket = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        DotStuffedOutputStream out = new DotStuffedOutputStream(socket);
        out.write("body\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(flushes[0]).isZero();
    }
}
