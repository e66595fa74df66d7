import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What one SMTP message costs the client over a raw socket, without any mail library: N messages
 * of ~12.7 KB (the size bench/send/run.sh sends) over one kept-open connection to an SMTP sink,
 * in one of four ways of ordering the writes and reads:
 * <ul>
 * <li>plain: MAIL, RCPT, DATA and the data each wait for their reply (Jakarta Mail's way);</li>
 * <li>pipe: MAIL, RCPT and DATA in one write (RFC 2920), their replies, then the data and its reply;</li>
 * <li>apart: as pipe, but the data's reply is read after the next message's envelope, which is
 *     written on its own;</li>
 * <li>next: the data stays in the buffer and goes out in one write with the next message's
 *     envelope, whose replies follow the data's (what rundbrief's SmtpClient does).</li>
 * </ul>
 * {@code -Dspin=µs} busy-waits that long before each message, standing in for rendering it.
 * Prints this thread's CPU time (without the spin) and the wall time per message, twice (the
 * first round includes the JIT warm-up).
 *   java [-Dspin=80] bench/send/RawSmtp.java plain|pipe|apart|next N [port=25251]   (smtp-sink listening)
 */
public class RawSmtp {
    private static final long SPIN_NANOS = Long.getLong("spin", 0) * 1000;
    private static InputStream in;
    private static OutputStream out;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 25251;
        StringBuilder body = new StringBuilder("Subject: test\r\n\r\n");
        while (body.length() < 12_700) {
            body.append("Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. F=C3=BCr Kaffee ist gesorgt=\r\n");
        }
        byte[] message = (body + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(15_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
            reply();
            send("EHLO bench\r\n");
            reply();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= 2; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    for (long until = System.nanoTime() + SPIN_NANOS; System.nanoTime() < until; ) {
                        Thread.onSpinWait();
                    }
                    String[] envelope = {"MAIL FROM:<news@example.org>\r\n", "RCPT TO:<m" + i + "@example.org>\r\n", "DATA\r\n"};
                    boolean earlierData = i > 0 && (mode.equals("apart") || mode.equals("next"));
                    if (mode.equals("plain")) {
                        for (String command : envelope) {
                            send(command);
                            reply();
                        }
                    } else {
                        send(envelope[0] + envelope[1] + envelope[2]); // in "next": with the earlier data
                        if (earlierData) {
                            reply();
                        }
                        reply();
                        reply();
                        reply();
                    }
                    out.write(message);
                    if (mode.equals("plain") || mode.equals("pipe")) {
                        out.flush();
                        reply();
                    } else if (mode.equals("apart")) {
                        out.flush();
                    }
                }
                if (mode.equals("apart") || mode.equals("next")) {
                    out.flush();
                    reply();
                }
                System.out.printf("%s round %d: %d messages, %.1f µs CPU and %.1f µs wall per message%n", mode, round, n,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n - SPIN_NANOS / 1e3, (System.nanoTime() - wall) / 1e3 / n);
            }
        }
    }

    private static void send(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One reply, the last line of a multi-line one; fails on anything but 2xx/3xx. */
    private static void reply() throws IOException {
        String line;
        do {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("server closed the connection");
                }
                b.append((char) c);
            }
            line = b.toString().strip();
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (line.charAt(0) != '2' && line.charAt(0) != '3') {
            throw new IOException("server said: " + line);
        }
    }
}
