package org.rundbrief.collect;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: {@link AddressGuard#resolve}
 * looks the name up once and checks every answer, and the client connects to exactly those
 * addresses. The request itself still names the host, so the Host header is the URL's; and each
 * address carries the host name, because Jetty takes TLS SNI and the certificate's name check from
 * the socket address (an address without its name was checked as "127.0.0.1", PinnedAddressTest).
 */
final class PinnedResolver implements SocketAddressResolver {
    private final AddressGuard guard;

    PinnedResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        String name = name(host);
        List<InetAddress> checked;
        try {
            checked = guard.resolve(name);
        } catch (CollectException refused) {
            promise.failed(refused);
            return;
        }
        List<InetSocketAddress> named = new ArrayList<>();
        for (InetAddress a : checked) {
            try {
                named.add(new InetSocketAddress(InetAddress.getByAddress(name, a.getAddress()), port));
            } catch (UnknownHostException impossible) { // only for a byte array of the wrong length
                promise.failed(impossible);
                return;
            }
        }
        promise.succeeded(named);
    }

    /** An IPv6 literal without its brackets; a name as it is. */
    private static String name(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
