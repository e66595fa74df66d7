package org.rundbrief.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rundbrief.config.Config;

/**
 * The address of the client behind a request, for rate limits, consent records and the audit log.
 * Behind a reverse proxy every request comes from the proxy, so one busy form would throttle
 * everybody: requests from an address in {@code http.trustedProxies} are attributed to the
 * nearest untrusted hop of {@code X-Forwarded-For} (read from the right, as each proxy appends
 * the address it saw; anything further left could be forged by the client).
 */
public final class ClientAddress {
    private final Set<InetAddress> trusted;
    /** The trusted proxies as the server names a connection's address (IPv6 with and without brackets). */
    private final Set<String> trustedAsNamed;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(a -> Config.Http.ipLiteral(a).orElseThrow(
                () -> new IllegalArgumentException("not an IP address: " + a))).collect(Collectors.toSet());
        this.trustedAsNamed = trusted.stream().map(InetAddress::getHostAddress)
                .flatMap(a -> a.indexOf(':') < 0 ? Stream.of(a) : Stream.of(a, "[" + a + "]")).collect(Collectors.toSet());
    }

    /** Whether connections from {@code address} are a reverse proxy's (they carry many clients). */
    boolean isTrustedProxy(InetAddress address) {
        return trusted.contains(address);
    }

    /**
     * The key a rate limit counts {@code address} under: IPv4 as is, IPv6 by its /64 network (one
     * household or server usually gets a whole /64, so counting single addresses would give it
     * unlimited tries).
     */
    public static String limitKey(String address) {
        if (address.indexOf(':') < 0) {
            return address; // IPv4 (or a name): no parsing on every request
        }
        Optional<InetAddress> ip = Config.Http.ipLiteral(address);
        return ip.isPresent() && ip.get() instanceof java.net.Inet6Address ? limitKey(ip.get()) : address;
    }

    /** {@link #limitKey(String)} of an address already parsed. */
    static String limitKey(InetAddress ip) {
        if (!(ip instanceof java.net.Inet6Address)) {
            return ip.getHostAddress();
        }
        byte[] network = java.util.Arrays.copyOf(ip.getAddress(), 16);
        java.util.Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }

    public String of(Context ctx) {
        return of(ctx.ip(), ctx.req().getHeaders("X-Forwarded-For"));
    }

    String of(String remote, java.util.Enumeration<String> forwardedHeaders) {
        if (trusted.isEmpty() || forwardedHeaders == null || !forwardedHeaders.hasMoreElements()
                || !(trustedAsNamed.contains(remote) || Config.Http.ipLiteral(remote).filter(trusted::contains).isPresent())) {
            return remote; // the common cases answered without parsing an address on every request
        }
        String[] hops = String.join(",", java.util.Collections.list(forwardedHeaders)).split(",");
        String nearest = remote;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Config.Http.ipLiteral(hops[i].strip());
            if (hop.isEmpty()) {
                return nearest; // garbage: stop at the last address a trusted proxy vouched for
            }
            nearest = hop.get().getHostAddress();
            if (!trusted.contains(hop.get())) {
                return nearest;
            }
        }
        return nearest;
    }
}
