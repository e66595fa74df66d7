package org.rundbrief.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.rundbrief.mail.MessageBuilder;
import org.rundbrief.mail.PreparedMessage;

/**
 * One SMTP session (RFC 5321) on one socket: greeting, EHLO, STARTTLS (RFC 3207) or implicit
 * TLS, AUTH PLAIN or LOGIN (RFC 4954), then any number of messages.
 *
 * <p>Why not Jakarta Mail's transport: it waits for the reply to MAIL, to RCPT, to DATA and to
 * the data before it writes anything more, four round trips per message. When the server offers
 * PIPELINING (RFC 2920) this client writes MAIL, RCPT and DATA at once ({@link #announce}), the
 * message's data goes out in the same write as the next message's envelope, and the reply to the
 * data is read after it ({@link #confirm}; RFC 2920 allows message content to open a group of
 * commands): one write and one round trip per message. Waiting for a reply was most of our CPU per message, and over a real
 * network each round trip costs its latency (bench/README.md, "Send: stop 14"). Without
 * PIPELINING each command waits for its reply, as before. Jakarta Mail still builds the messages;
 * {@link DotStuffedOutputStream} dot-stuffs them.
 *
 * <p>The socket is a {@link WatchedSocket} (no write blocks longer than the timeout) with
 * {@code TCP_NODELAY} (Nagle's algorithm would hold the small end-of-data write for the server's
 * delayed ACK, ~40 ms per message: bench/README.md, Reference figures); reads time out after the same timeout.
 * Failures during the session's set-up are never permanent: they say nothing about a recipient.
 * Not thread-safe.
 */
final class SmtpClient implements AutoCloseable {
    /** RFC 5321 4.5.3.1.5 allows 512 octets per reply line; a server sending far more is broken. */
    private static final int MAX_LINE = 4096;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};
    private final SmtpServer server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** The EHLO keywords (upper case) with their parameters. */
    private Map<String, String> extensions = Map.of();
    /** Pipelining: the envelope written whose replies are still to be read. */
    private Envelope announced;

    private SmtpClient(SmtpServer server) {
        this.server = server;
    }

    /** Connects, greets, secures and logs in as configured; ready for messages. */
    static SmtpClient open(SmtpServer server) throws IOException, MailFailure {
        SmtpClient client = new SmtpClient(server);
        try {
            client.start();
            return client;
        } catch (IOException | MailFailure | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void start() throws IOException, MailFailure {
        Socket plain = new WatchedSocket(server.timeout(), WriteWatchdog.SHARED);
        socket = plain;
        plain.setTcpNoDelay(true);
        try {
            plain.connect(new InetSocketAddress(server.host(), server.port()), (int) server.timeout().toMillis());
        } catch (IOException e) {
            throw MailFailure.serverUnusable("cannot connect to " + server.host() + ":" + server.port() + ": " + reason(e), e);
        }
        plain.setSoTimeout((int) server.timeout().toMillis()); // also for the TLS handshake
        if (server.security() == SmtpServer.Security.TLS) {
            socket = tls(plain);
        }
        streams();
        expect(read(), 220, "greeting");
        hello();
        if (server.security() == SmtpServer.Security.STARTTLS) {
            if (!extensions.containsKey("STARTTLS")) {
                throw setupFailure("the server does not offer STARTTLS (smtp.security is starttls)");
            }
            command("STARTTLS");
            expect(read(), 220, "STARTTLS");
            if (in.available() > 0) { // RFC 3207 5: nothing may be read before the TLS handshake
                throw setupFailure("the server sent data after its STARTTLS reply; refusing the session");
            }
            socket = tls(plain);
            streams();
            hello();
        }
        if (server.authenticates()) {
            authenticate();
        }
    }

    private SSLSocket tls(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) server.tls().createSocket(plain, server.host(), server.port(), true);
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name smtp.host
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    private void streams() throws IOException {
        socket.setSoTimeout((int) server.timeout().toMillis());
        in = new BufferedInputStream(socket.getInputStream(), 4096);
        // One write for a typical digest with its commands; larger ones go out in 32 KB pieces.
        out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
    }

    /** EHLO, or HELO for a server without ESMTP (then without any extension). */
    private void hello() throws IOException, MailFailure {
        command("EHLO " + SmtpServer.localName());
        Reply reply = read();
        if (reply.code() != 250) {
            command("HELO " + SmtpServer.localName());
            expect(read(), 250, "HELO");
            extensions = Map.of();
            return;
        }
        Map<String, String> found = new HashMap<>();
        for (String line : reply.lines().subList(1, reply.lines().size())) {
            String[] keyword = line.strip().split(" ", 2);
            found.put(keyword[0].toUpperCase(Locale.ROOT), keyword.length > 1 ? keyword[1] : "");
        }
        extensions = found;
    }

    private void authenticate() throws IOException, MailFailure {
        String offered = extensions.get("AUTH");
        if (offered == null) {
            throw setupFailure("smtp.username is set, but the server offers no AUTH"
                    + (server.security() == SmtpServer.Security.NONE ? " (many offer it only after STARTTLS)" : ""));
        }
        Set<String> mechanisms = Set.of(offered.toUpperCase(Locale.ROOT).split("\\s+"));
        if (mechanisms.contains("PLAIN")) {
            command("AUTH PLAIN " + base64("\0" + server.username() + "\0" + server.password()));
        } else if (mechanisms.contains("LOGIN")) {
            command("AUTH LOGIN");
            expect(read(), 334, "AUTH LOGIN");
            command(base64(server.username()));
            expect(read(), 334, "AUTH LOGIN user name");
            command(base64(server.password()));
        } else {
            throw setupFailure("the server offers AUTH " + offered + "; rundbrief speaks PLAIN and LOGIN");
        }
        expect(read(), 235, "login as '" + server.username() + "'");
    }

    /** MAIL FROM and RCPT TO of a message, checked before anything goes to the server. */
    record Envelope(List<String> commands) {}

    /**
     * The envelope of {@code msg}: its envelope sender (the From unless the message names another,
     * {@link PreparedMessage#envelopeFrom}) and its recipients, each checked so it cannot break
     * the command line (permanent failure otherwise). An address with UTF-8 letters in its local
     * part (RFC 6531; the domain is always in its ASCII form) goes out only to a server that offers
     * SMTPUTF8, with the SMTPUTF8 parameter; to any other it is a permanent failure of this
     * message, before a byte of it is sent: its header would carry raw UTF-8 the server did not
     * agree to, which a strict server refuses and a lax one may mangle.
     */
    Envelope envelope(MimeMessage msg) throws MailFailure {
        List<String> recipients = new ArrayList<>();
        String from;
        try {
            from = msg instanceof PreparedMessage prepared && prepared.envelopeFrom() != null
                    ? checked(prepared.envelopeFrom()) : envelopeAddress(msg.getFrom());
            for (Address a : msg.getAllRecipients()) {
                recipients.add(envelopeAddress(new Address[] {a}));
            }
        } catch (MessagingException | IllegalArgumentException | NullPointerException e) {
            throw new MailFailure("no usable envelope: " + e.getMessage(), true, e);
        }
        boolean utf8 = !ascii(from) || recipients.stream().anyMatch(r -> !ascii(r));
        if (utf8 && !extensions.containsKey("SMTPUTF8")) {
            String address = !ascii(from) ? from : recipients.stream().filter(r -> !ascii(r)).findFirst().orElseThrow();
            throw new MailFailure("'" + address + "' needs SMTPUTF8 (RFC 6531), which the server does not offer; "
                    + "not sent [" + server + "]", true, null);
        }
        List<String> commands = new ArrayList<>(recipients.size() + 2);
        commands.add("MAIL FROM:<" + from + ">" + (utf8 ? " SMTPUTF8" : ""));
        for (String r : recipients) {
            commands.add("RCPT TO:<" + r + ">");
        }
        commands.add("DATA");
        return new Envelope(commands);
    }

    /** Whether the server takes commands before it answered the earlier ones (RFC 2920). */
    boolean pipelining() {
        return extensions.containsKey("PIPELINING");
    }

    /**
     * Starts a message: MAIL, RCPT and DATA. Pipelining, they go out in one write and their
     * replies are read by {@link #transfer}, after the reply to the previous message's data
     * ({@link #confirm}) if that is still unread. Otherwise each waits for its reply here, and
     * the previous message must have been confirmed.
     */
    void announce(Envelope envelope) throws IOException, MailFailure {
        if (pipelining()) {
            for (String command : envelope.commands()) {
                write(command);
            }
            out.flush();
            announced = envelope;
            return;
        }
        for (String command : envelope.commands()) {
            command(command);
            check(command, read());
        }
    }

    /**
     * Writes the message's data after its announced envelope was accepted; any refusal throws,
     * permanent for a 5xx reply. The data stays in the buffer (the part of a large message that
     * does not fit excepted) until the next envelope or {@link #confirm} flushes it: the data and
     * the next envelope in one write. Written apart, they cost ~350 µs more per message against
     * postfix's smtp-sink (bench/README.md). After a failure the session is in an unknown state;
     * close it.
     */
    void transfer(MimeMessage msg) throws IOException, MailFailure {
        if (announced != null) {
            Envelope envelope = announced;
            announced = null;
            for (String command : envelope.commands()) {
                check(command, read());
            }
        }
        DotStuffedOutputStream dotStuffed = new DotStuffedOutputStream(out);
        try {
            msg.writeTo(dotStuffed);
        } catch (MessagingException e) {
            throw new IOException("cannot write the message: " + e.getMessage(), e);
        }
        dotStuffed.endLine();
        out.write(END_OF_DATA);
    }

    /** Reads the server's reply to the last message's data: it took the message, or it throws. */
    void confirm() throws IOException, MailFailure {
        out.flush();
        Reply reply = read();
        if (reply.code() / 100 != 2) {
            throw refusal("end of data", reply);
        }
    }

    /** One message, start to end, waiting for each reply it needs (the steps {@link SmtpConnection} interleaves). */
    void send(MimeMessage msg) throws IOException, MailFailure {
        announce(envelope(msg));
        transfer(msg);
        confirm();
    }

    private static void check(String command, Reply reply) throws MailFailure {
        if (command.equals("DATA") ? reply.code() != 354 : reply.code() / 100 != 2) {
            throw refusal(command, reply);
        }
    }

    /** Says goodbye without waiting for the answer, and closes the socket. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try (Socket s = socket) {
            if (out != null && !s.isClosed()) {
                command("QUIT");
            }
        } catch (IOException ignored) {
            // the session ends either way
        }
        socket = null;
    }

    private void command(String command) throws IOException {
        write(command);
        out.flush();
    }

    private void write(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    /** One reply: its code and its lines' text (RFC 5321 4.2: "250-…" continues, "250 …" ends). */
    private Reply read() throws IOException {
        List<String> lines = new ArrayList<>(1);
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new IOException("not an SMTP reply: '" + MessageBuilder.headerText(line) + "'");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    private String readLine() throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (length == MAX_LINE) {
                throw new IOException("the server sent a reply line longer than " + MAX_LINE + " bytes");
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private void expect(Reply reply, int code, String step) throws MailFailure {
        if (reply.code() != code) {
            throw setupFailure("SMTP " + reply.code() + " to " + step + ": " + reply.text());
        }
    }

    private MailFailure setupFailure(String message) {
        return MailFailure.serverUnusable(message + " [" + server + "]", null);
    }

    /** "connection refused", "connect timed out", "unknown host smtp.example.org". */
    private static String reason(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static MailFailure refusal(String command, Reply reply) {
        String verb = command.startsWith("RCPT") ? command : command.split(":", 2)[0];
        return new MailFailure("SMTP " + reply.code() + " to " + verb + ": " + reply.text(),
                reply.code() / 100 == 5, reply.code(), null);
    }

    /** The bare address of the first of {@code addresses}, checked so it cannot break the command line. */
    private static String envelopeAddress(Address[] addresses) {
        if (addresses == null || addresses.length == 0 || !(addresses[0] instanceof InternetAddress a)) {
            throw new IllegalArgumentException("no address");
        }
        return checked(a.getAddress());
    }

    /** {@code address} unless it could break the command line. */
    private static String checked(String address) {
        if (address == null || address.isEmpty() || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == 0x7f)) {
            throw new IllegalArgumentException(
                    "'" + MessageBuilder.headerText(String.valueOf(address)) + "' cannot go into an SMTP command");
        }
        return address;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(int code, List<String> lines) {
        String text() {
            return MessageBuilder.headerText(String.join(" ", lines));
        }
    }
}
