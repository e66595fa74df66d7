package org.rundbrief.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server for failure tests: answers chosen recipients with chosen replies
 * (421 closes the connection, like a server going away), can drop the connection after DATA, or
 * stall (accept and never answer), or stop reading in the middle of a message. Records every
 * message it accepted.
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

    private void session(Socket s) {
        try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            if (stall) {
                in.read(); // wait until the client gives up
                return;
            }
            reply(out, "220 faulty ESMTP");
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    reply(out, "250-faulty\r\n250-8BITMIME\r\n250 OK");
                } else if (upper.startsWith("MAIL FROM")) {
                    recipient = null;
                    reply(out, "250 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    String rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    int n = tries.computeIfAbsent(rcpt, k -> new AtomicInteger()).incrementAndGet();
                    Fault f = faults.get(rcpt);
                    if (f != null && n <= f.times()) {
                        reply(out, f.reply());
                        if (f.reply().startsWith("421")) {
                            return;
                        }
                    } else {
                        recipient = rcpt;
                        reply(out, "250 OK");
                    }
                } else if (upper.equals("DATA")) {
                    reply(out, "354 go ahead");
                    while (stopReadingAtData && !socket.isClosed()) {
                        Thread.sleep(20);
                    }
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        data.append(d).append("\r\n");
                    }
                    if (recipient != null && recipient.equals(dropAfterDataFor)) {
                        dropAfterDataFor = null;
                        return;
                    }
                    accepted.add(new Accepted(recipient, data.toString()));
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
        }
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
