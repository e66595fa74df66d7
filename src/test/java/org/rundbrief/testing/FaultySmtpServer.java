package org.rundbrief.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server for failure tests: answers chosen recipients with chosen replies
 * (421 closes the connection, like a server going away), can drop the connection after DATA, or
 * stall (accept and never answer), or stop reading in the middle of a message. Offers PIPELINING
 * (RFC 2920) unless told not to, and on request STARTTLS (with GreenMail's self-signed test
 * certificate), AUTH PLAIN/LOGIN for one user, and SMTPUTF8. Records every message it accepted
 * and every command line it read.
 */
public final class FaultySmtpServer implements AutoCloseable {
    /** What to do with one recipient: reply {@code code text} to RCPT for the first {@code times} tries. */
    public record Fault(String reply, int times) {}

    public record Accepted(String recipient, String data) {}

    private final ServerSocket socket;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private volatile boolean stall;
    private volatile String dropAfterDataFor;
    private volatile boolean stopReadingAtData;
    private volatile boolean pipelining = true;
    private volatile boolean smtpUtf8;
    private volatile SSLContext startTls;
    private volatile String user;
    private volatile String password;
    private volatile String authMechanisms = "LOGIN PLAIN";
    private volatile boolean esmtp = true;
    private volatile String answerEverything;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger pipelined = new AtomicInteger();
    private final Thread acceptor;

    public FaultySmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "faulty-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public FaultySmtpServer fail(String recipient, String reply, int times) {
        faults.put(recipient, new Fault(reply, times));
        return this;
    }

    /** Greets with {@code reply} and answers every command with it (e.g. "421 4.3.2 shutting down"). */
    public FaultySmtpServer answerEverything(String reply) {
        answerEverything = reply;
        return this;
    }

    /** Accepts connections but never says a word. */
    public FaultySmtpServer stall() {
        stall = true;
        return this;
    }

    /** Answers DATA with 354, then reads nothing more until closed: the client's writes block. */
    public FaultySmtpServer stopReadingAtData() {
        stopReadingAtData = true;
        return this;
    }

    /** Closes the connection after the DATA of a message to {@code recipient}, once, without storing it. */
    public FaultySmtpServer dropAfterData(String recipient) {
        dropAfterDataFor = recipient;
        return this;
    }

    public FaultySmtpServer withoutPipelining() {
        pipelining = false;
        return this;
    }

    public FaultySmtpServer withSmtpUtf8() {
        smtpUtf8 = true;
        return this;
    }

    /** Offers STARTTLS with GreenMail's self-signed certificate (for "GreenMail selfsigned Test Certificate"). */
    public FaultySmtpServer withStartTls() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestCertificate.keyStore(), TestCertificate.PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        startTls = tls;
        return this;
    }

    /** Offers AUTH PLAIN and LOGIN and requires a login as this user before MAIL. */
    public FaultySmtpServer withLogin(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** Offers only these AUTH mechanisms (after {@link #withLogin}). */
    public FaultySmtpServer withAuthMechanisms(String mechanisms) {
        authMechanisms = mechanisms;
        return this;
    }

    /** An old server: refuses EHLO, so a client knows no extension (no pipelining either). */
    public FaultySmtpServer withoutEsmtp() {
        esmtp = false;
        return this;
    }

    /** Every command line read, in order (message data excluded; AUTH arguments as sent). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** How many MAIL commands arrived together with the next command (RFC 2920 pipelining). */
    public int pipelinedMails() {
        return pipelined.get();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public int tries(String recipient) {
        return tries.getOrDefault(recipient, new AtomicInteger()).get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> session(s), "faulty-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket plain) {
        Socket s = plain;
        try {
            BufferedReader in = reader(s);
            OutputStream out = s.getOutputStream();
            if (stall) {
                while (s.getInputStream().read() >= 0) {
                    // read whatever comes (a TLS hello too) and never answer, until the client gives up
                }
                return;
            }
            if (answerEverything != null) {
                reply(out, answerEverything);
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    commands.add(line);
                    reply(out, answerEverything);
                }
                return;
            }
            reply(out, "220 faulty ESMTP");
            String recipient = null;
            boolean loggedIn = user == null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO") && !esmtp) {
                    reply(out, "502 5.5.1 command not recognized");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 faulty");
                } else if (upper.startsWith("EHLO")) {
                    reply(out, "250-faulty\r\n250-8BITMIME" + (pipelining ? "\r\n250-PIPELINING" : "")
                            + (smtpUtf8 ? "\r\n250-SMTPUTF8" : "")
                            + (startTls != null && !(s instanceof SSLSocket) ? "\r\n250-STARTTLS" : "")
                            + (user != null ? "\r\n250-AUTH " + authMechanisms : "") + "\r\n250 OK");
                } else if (upper.equals("STARTTLS") && startTls != null) {
                    reply(out, "220 go ahead");
                    SSLSocket tls = (SSLSocket) startTls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                    tls.setUseClientMode(false);
                    s = tls;
                    in = reader(s);
                    out = s.getOutputStream();
                } else if (upper.startsWith("AUTH PLAIN ")) {
                    String expected = "\0" + user + "\0" + password;
                    loggedIn = expected.equals(new String(Base64.getDecoder().decode(line.substring(11)), StandardCharsets.UTF_8));
                    reply(out, loggedIn ? "235 welcome" : "535 5.7.8 authentication failed");
                } else if (upper.equals("AUTH LOGIN")) {
                    reply(out, "334 VXNlcm5hbWU6");
                    String name = decode(in.readLine());
                    reply(out, "334 UGFzc3dvcmQ6");
                    loggedIn = user.equals(name) && password.equals(decode(in.readLine()));
                    reply(out, loggedIn ? "235 welcome" : "535 5.7.8 authentication failed");
                } else if (upper.startsWith("MAIL FROM")) {
                    recipient = null;
                    if (in.ready()) { // RCPT came in the same write: the client did not wait for this reply
                        pipelined.incrementAndGet();
                    }
                    reply(out, loggedIn ? "250 OK" : "530 5.7.0 authentication required");
                } else if (upper.startsWith("RCPT TO")) {
                    String rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    int n = tries.computeIfAbsent(rcpt, k -> new AtomicInteger()).incrementAndGet();
                    Fault f = faults.get(rcpt);
                    if (!loggedIn) {
                        reply(out, "530 5.7.0 authentication required");
                    } else if (f != null && n <= f.times()) {
                        reply(out, f.reply());
                        if (f.reply().startsWith("421")) {
                            return;
                        }
                    } else {
                        recipient = rcpt;
                        reply(out, "250 OK");
                    }
                } else if (upper.equals("DATA") && recipient == null) {
                    reply(out, "554 5.5.1 no valid recipients");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 go ahead");
                    while (stopReadingAtData && !socket.isClosed()) {
                        Thread.sleep(20);
                    }
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        data.append(d).append("\r\n");
                    }
                    if (recipient.equals(dropAfterDataFor)) {
                        dropAfterDataFor = null;
                        return;
                    }
                    accepted.add(new Accepted(recipient, data.toString()));
                    recipient = null;
                    reply(out, "250 OK queued");
                } else if (upper.startsWith("RSET") || upper.startsWith("NOOP")) {
                    reply(out, "250 OK");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                s.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
