package org.rundbrief.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one address holds open: beyond the cap a new connection is closed at once,
 * so one client cannot pile up hundreds of half-sent requests. Trusted reverse proxies carry
 * everybody's traffic and are exempt (their clients are counted per request by
 * {@link RequestGate}). One log line when an address reaches the cap, not one per connection.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);
    private final int max;
    private final ClientAddress clients;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max, ClientAddress clients) {
        this.max = max;
        this.clients = clients;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null || clients.isTrustedProxy(address)) {
            return;
        }
        int n = open.merge(address, 1, Integer::sum);
        if (n > max) {
            if (n == max + 1) {
                log.warn("{} holds {} connections; further ones are closed until some end", address.getHostAddress(), max);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = address(connection);
        if (address != null && !clients.isTrustedProxy(address)) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
