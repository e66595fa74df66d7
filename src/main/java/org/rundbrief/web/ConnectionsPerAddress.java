package org.rundbrief.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client holds open (an IPv4 address or an IPv6 /64, as the rate limits
 * count them): beyond the cap a new connection is closed at once,
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
    /** Open connections per client: an IPv4 address, or an IPv6 /64 (one household's or server's). */
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    /**
     * The client each counted connection was opened from: once its socket is closed, Jetty's
     * endpoint no longer knows the remote address, so asking it in onClosed never uncounted
     * anything and every address was refused for good after its 16th connection.
     */
    private final ConcurrentHashMap<Connection, String> counted = new ConcurrentHashMap<>();
    /** Clients named in the log since they last had no connection open (bounded by {@link #open}'s keys). */
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    ConnectionsPerAddress(int max, ClientAddress clients) {
        this.max = max;
        this.clients = clients;
    }

    @Override
    public void onOpened(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || clients.isTrustedProxy(inet.getAddress())) {
            return;
        }
        String client = ClientAddress.limitKey(inet.getAddress());
        counted.put(connection, client);
        if (!opened(client)) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String client = counted.remove(connection);
        if (client != null) {
            closed(client);
        }
    }

    /** Counts a connection of {@code client}; false when it is one beyond the cap (to be closed, and still counted until then). */
    boolean opened(String client) {
        int n = open.merge(client, 1, Integer::sum);
        if (n > max && named.add(client)) {
            log.warn("{} holds {} connections; further ones are closed until some end", client, max);
        }
        return n <= max;
    }

    void closed(String client) {
        if (open.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1) == null) {
            named.remove(client);
        }
    }
}
