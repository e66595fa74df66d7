package org.rundbrief.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one address holds open: beyond the cap a new connection is closed at once,
 * so one client cannot pile up hundreds of half-sent requests. Trusted reverse proxies carry
 * everybody's traffic and are exempt (their clients are counted per request by
 * {@link RequestGate}). One log line when an address reaches the cap, not one per connection: an
 * address that keeps knocking while at its cap oscillates between cap and cap + 1, and is named
 * again only after all its connections have ended.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);
    private final int max;
    private final ClientAddress clients;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /**
     * The address each counted connection was opened from: once its socket is closed, Jetty's
     * endpoint no longer knows the remote address, so asking it in onClosed never uncounted
     * anything and every address was refused for good after its 16th connection.
     */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    /** Addresses named in the log since they last had no connection open (bounded by {@link #open}'s keys). */
    private final Set<InetAddress> named = ConcurrentHashMap.newKeySet();

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
        counted.put(connection, address);
        int n = open.merge(address, 1, Integer::sum);
        if (n > max) {
            if (named.add(address)) {
                log.warn("{} holds {} connections; further ones are closed until some end", address.getHostAddress(), max);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            if (open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1) == null) {
                named.remove(address);
            }
        }
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
