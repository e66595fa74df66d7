package org.rundbrief.delivery;

import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;
import org.rundbrief.config.Config;

/**
 * Builds the Jakarta Mail session for the configured SMTP server. Every socket is a
 * {@link WatchedSocket} (connect, read and write timeouts) with {@code TCP_NODELAY}: without it Nagle's algorithm holds the small end-of-DATA write while the
 * server delays its ACK, ~40 ms per message (PERFORMANCE-NOTES.md: 90 → 740 msg/s).
 */
final class MailSessions {
    private MailSessions() {}

    static {
        // Jakarta Mail looks up its StreamProvider with a ServiceLoader scan of the class path for
        // every body part and every encoder unless this names it: that scan cost more than building
        // the whole message (bench/README.md).
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /** Shorter than DeliveryRunner.LEASE, so a stalled server cannot outlive the lease on a row. */
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(15);

    static Session create(Config.Smtp smtp, java.time.Duration timeout) {
        Properties p = new Properties();
        boolean tls = "tls".equals(smtp.security());
        String proto = tls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", String.valueOf(smtp.port()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + proto + ".timeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + proto + ".allow8bitmime", "false");
        p.put("mail." + proto + ".quitwait", "false");
        // No mail.smtp.writetimeout: our sockets time out stuck writes themselves (WatchedSocket).
        // For smtps the factory is not an SSLSocketFactory, so Angus layers its default TLS socket
        // (with the usual server identity check) on our plain socket, as it does for STARTTLS.
        SmtpSocketFactory sockets = new SmtpSocketFactory(timeout);
        p.put(tls ? "mail.smtps.ssl.socketFactory" : "mail.smtp.socketFactory", sockets);
        if ("starttls".equals(smtp.security())) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        boolean auth = smtp.username() != null && !smtp.username().isEmpty();
        p.put("mail." + proto + ".auth", String.valueOf(auth));
        if (auth) {
            return Session.getInstance(p, new jakarta.mail.Authenticator() {
                @Override
                protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                    return new jakarta.mail.PasswordAuthentication(smtp.username(), smtp.password());
                }
            });
        }
        return Session.getInstance(p);
    }

    /**
     * Makes the SMTP sockets: a {@link WatchedSocket} (write timeout without a thread per write)
     * with Nagle's algorithm off. Only unconnected plain sockets: Angus connects them with its
     * connection timeout and, for smtps and STARTTLS, layers its TLS socket on top.
     */
    static final class SmtpSocketFactory extends SocketFactory {
        private final java.time.Duration writeTimeout;

        SmtpSocketFactory(java.time.Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket s = new WatchedSocket(writeTimeout, WriteWatchdog.SHARED);
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
            Socket s = createSocket();
            try {
                if (from != null) {
                    s.bind(from);
                }
                s.connect(to, (int) writeTimeout.toMillis());
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
    }
}
