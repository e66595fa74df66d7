package org.rundbrief.collect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses URLs a collector must not fetch: schemes other than http/https and hosts resolving to
 * loopback, private (RFC 1918, RFC 4193), link-local, unspecified or multicast addresses —
 * unless {@code collect.allowPrivateNetworks} is on. Checked for the first URL and every
 * redirect target (server-side request forgery, OWASP SSRF).
 */
final class AddressGuard {
    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    void check(URI uri) throws CollectException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CollectException("refused " + uri + ": only http and https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new CollectException("refused " + uri + ": no host");
        }
        if (allowPrivate) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    throw new CollectException("refused " + uri + ": " + uri.getHost() + " is a loopback, private or "
                            + "link-local address (set collect.allowPrivateNetworks: true to allow)");
                }
            }
        } catch (UnknownHostException e) {
            throw new CollectException("unknown host " + uri.getHost());
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // RFC 4193 unique local fc00::/7
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // RFC 6598 shared address space 100.64/10
    }
}
