package org.rundbrief.collect;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.rundbrief.article.SourceNote;

/**
 * Refuses URLs a collector must not fetch: schemes other than http/https and hosts resolving to
 * loopback, private (RFC 1918, RFC 4193), link-local, unspecified, multicast, reserved or any other
 * special-purpose address — unless {@code collect.allowPrivateNetworks} is on. Checked for the first URL and every
 * redirect target (server-side request forgery, OWASP SSRF).
 *
 * <p>A host is resolved once per connection, by {@link #resolve}, and the HTTP client connects to
 * exactly the addresses checked there ({@link PinnedResolver}): a second lookup could get another
 * answer (DNS rebinding with a short TTL) and reach an internal address after all.
 */
final class AddressGuard {
    /** Name resolution, a seam so tests can play a DNS server that changes its answer. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Predicate<InetAddress> allowed;
    private final Resolver resolver;

    AddressGuard(boolean allowPrivate) {
        this(allowPrivate ? a -> true : a -> !isInternal(a), InetAddress::getAllByName);
    }

    AddressGuard(Predicate<InetAddress> allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /** The URL's own shape: http(s) with a host. Its addresses are checked when it is connected to. */
    void check(URI uri) throws CollectException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CollectException(SourceNote.of("schemeRefused", "refused {url}: only http and https URLs are fetched", "url", uri));
        }
        if (uri.getHost() == null) {
            throw new CollectException(SourceNote.of("noHost", "refused {url}: no host", "url", uri));
        }
    }

    /** Resolves {@code host} (a name, or an IP literal, IPv6 without brackets) once; every address must pass. */
    List<InetAddress> resolve(String host) throws CollectException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw unknown(host);
        }
        if (addresses.length == 0) {
            throw unknown(host);
        }
        for (InetAddress address : addresses) {
            if (!allowed.test(address)) {
                throw new CollectException(SourceNote.of("privateAddress", "refused {host}: it resolves to {address}, a loopback, "
                        + "private or other special-purpose address (set collect.allowPrivateNetworks: true to allow)",
                        "host", host, "address", address.getHostAddress()));
            }
        }
        return List.of(addresses);
    }

    private static CollectException unknown(String host) {
        return new CollectException(SourceNote.of("unknownHost", "unknown host {host}", "host", host));
    }

    /**
     * Every special-purpose range of the IANA registries (RFC 6890 and successors): nothing a
     * public feed lives on. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
     * 6to4, Teredo) are refused whole, so an internal IPv4 address cannot hide inside one.
     */
    private static final List<Range> SPECIAL = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
            "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").map(Range::parse).toList();

    static boolean isInternal(InetAddress a) {
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || SPECIAL.stream().anyMatch(r -> r.contains(a));
    }

    /** An address block in CIDR notation. */
    private record Range(byte[] network, int bits) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                // literals only: no name lookup happens here
                return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                        Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
