package org.rundbrief.smtp;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.Optional;

/**
 * A TLS handshake that failed over the server's certificate, said in words an operator can act on.
 * Java's own words ("PKIX path building failed: … unable to find valid certification path to
 * requested target") name neither the cause nor the remedy; they stay in parentheses for a search.
 * Used for the SMTP server and the bounce mailbox alike.
 */
public final class TlsTrouble {
    private TlsTrouble() {}

    /** The certificate problem in {@code e}'s cause chain, as a sentence; empty when it holds none. */
    public static Optional<String> explain(Throwable e) {
        Throwable expired = find(e, CertificateExpiredException.class);
        if (expired != null) {
            return Optional.of("the server's TLS certificate has expired (" + expired.getMessage() + "); the server's"
                    + " operator must renew it");
        }
        Throwable untrusted = find(e, CertPathBuilderException.class);
        if (untrusted == null) {
            untrusted = find(e, CertPathValidatorException.class);
        }
        if (untrusted != null) {
            return Optional.of("the server's TLS certificate is not trusted: it is self-signed or from an authority this"
                    + " Java does not know (" + untrusted.getMessage() + "); use the host name of a certificate from a"
                    + " public authority (ask the hoster), or add the server's certificate to Java's trust store");
        }
        Throwable wrongName = find(e, CertificateException.class);
        if (wrongName != null && wrongName.getMessage() != null
                && (wrongName.getMessage().startsWith("No subject alternative") || wrongName.getMessage().startsWith("No name matching"))) {
            return Optional.of("the server's TLS certificate does not name the host connected to (" + wrongName.getMessage()
                    + "); set the host to a name the certificate holds, e.g. the hoster's mail server name");
        }
        return Optional.empty();
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
