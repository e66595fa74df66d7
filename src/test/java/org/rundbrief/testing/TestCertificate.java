package org.rundbrief.testing;

import java.io.InputStream;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * GreenMail's self-signed test certificate (in its jar, also used by {@link FaultySmtpServer}'s
 * STARTTLS) as the only trusted one. It names no host, so a client checking the server's identity
 * refuses it: {@link #trusted()} checks the chain only, {@link #trustedWithHostCheck()} as the
 * JVM's default trust manager does, host name included.
 */
public final class TestCertificate {
    static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificate() {}

    public static SSLSocketFactory trusted() throws Exception {
        X509TrustManager chain = pkix();
        return context(new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
                throw new CertificateException("server side only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("server side only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
                throw new CertificateException("server side only");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return chain.getAcceptedIssuers();
            }
        });
    }

    public static SSLSocketFactory trustedWithHostCheck() throws Exception {
        return context(pkix());
    }

    /** GreenMail's key store: the certificate and its private key, password {@link #PASSWORD}. */
    public static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestCertificate.class.getResourceAsStream("/greenmail.p12")) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static X509TrustManager pkix() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore());
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    private static SSLSocketFactory context(TrustManager trust) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trust}, null);
        return tls.getSocketFactory();
    }
}
