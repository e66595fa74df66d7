package org.rundbrief.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import org.rundbrief.config.Config;

/**
 * How to reach the SMTP server: the {@code smtp.*} settings, one timeout for connect, read and
 * write, and the TLS sockets to use (the JVM's trusted certificates; tests bring their own).
 */
record SmtpServer(String host, int port, Security security, String username, String password,
                  Duration timeout, SSLSocketFactory tls) {
    /** Shorter than {@code delivery.DeliveryRunner.LEASE}, so a stalled server cannot outlive the lease on a row. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** {@code smtp.security}: none, starttls (RFC 3207, required) or tls (implicit, "smtps"). */
    enum Security { NONE, STARTTLS, TLS }

    static SmtpServer of(Config.Smtp smtp, Duration timeout) {
        return new SmtpServer(smtp.host(), smtp.port(), Security.valueOf(smtp.security().toUpperCase(Locale.ROOT)),
                smtp.username(), smtp.password(), timeout, new DefaultTls());
    }

    boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    /**
     * The name we give in EHLO (RFC 5321 4.1.4): this host's fully qualified name, else an address
     * literal. Looked up once per process, as some servers refuse a name that is not a domain.
     */
    static String localName() {
        return LocalName.VALUE;
    }

    /** Never prints the password (the record's own toString would). */
    @Override
    public String toString() {
        return host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT)
                + (authenticates() ? ", user " + username : "") + ")";
    }

    private static final class LocalName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            try {
                InetAddress local = InetAddress.getLocalHost();
                String name = local.getCanonicalHostName();
                if (name.indexOf('.') > 0 && !name.equals(local.getHostAddress()) && !name.startsWith("localhost")) {
                    return name;
                }
                return local instanceof java.net.Inet6Address
                        ? "[IPv6:" + local.getHostAddress().replaceFirst("%.*", "") + "]" : "[" + local.getHostAddress() + "]";
            } catch (UnknownHostException e) {
                return "[127.0.0.1]";
            }
        }
    }
}
