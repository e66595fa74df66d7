package org.rundbrief.delivery;

import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;
import org.rundbrief.config.Config;

/**
 * Builds the Jakarta Mail session for the configured SMTP server. Every socket gets
 * {@code TCP_NODELAY}: without it Nagle's algorithm holds the small end-of-DATA write while the
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

    /** Shorter than DeliveryRunner.LEASE, so a stalled server cannot outlive the claim on a row. */
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
        p.put("mail." + proto + ".writetimeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + proto + ".allow8bitmime", "false");
        p.put("mail." + proto + ".quitwait", "false");
        if (!tls) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory(SocketFactory.getDefault()));
        } else {
            p.put("mail.smtps.ssl.socketFactory", new NoDelaySocketFactory(javax.net.ssl.SSLSocketFactory.getDefault()));
        }
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

    /** Wraps a socket factory and switches Nagle's algorithm off on every socket it makes. */
    static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory delegate;

        NoDelaySocketFactory(SocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
