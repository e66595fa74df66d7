package org.rundbrief.collect;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: {@link AddressGuard#resolve}
 * looks the name up once and checks every answer, and the client connects to exactly those
 * addresses. The request itself still names the host, so the Host header, TLS SNI and the
 * certificate's host name check are those of the URL.
 */
final class PinnedResolver implements SocketAddressResolver {
    private final AddressGuard guard;

    PinnedResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        List<InetAddress> checked;
        try {
            checked = guard.resolve(host);
        } catch (CollectException refused) {
            promise.failed(refused);
            return;
        }
        promise.succeeded(checked.stream().map(a -> new InetSocketAddress(a, port)).toList());
    }
}
