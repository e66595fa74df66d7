package org.rundbrief.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JVM's default TLS sockets, set up on first use. {@link SSLSocketFactory#getDefault()} builds
 * the default SSL context and reads every trusted certificate: about a sixth of a CLI command that
 * has nothing to send (bench/README.md, "Quick commands"), and wasted whenever no mail goes out.
 */
final class DefaultTls extends SSLSocketFactory {
    private static final class Holder {
        static final SSLSocketFactory DEFAULT = (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    private static SSLSocketFactory tls() {
        return Holder.DEFAULT;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return tls().createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return tls().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return tls().createSocket(s, consumed, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tls().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tls().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tls().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return tls().createSocket(address, port, localAddress, localPort);
    }
}
