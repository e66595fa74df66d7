package org.rundbrief.web;

import java.time.Duration;

/**
 * What one client may take of the HTTP server, so that a slow or greedy one cannot stall it for
 * everybody else (slow bodies, piles of connections, huge uploads).
 *
 * @param threads          the request thread pool's size; body reading does not hold a thread
 * @param idleTimeout      a connection with nothing sent or received for this long is closed
 * @param formBytes        largest body of a public form post (they carry a few short fields)
 * @param adminFormBytes   largest form body on the admin side (article texts)
 * @param bodyTime         a body gets this long to arrive, plus one second per {@code minBytesPerSecond}
 * @param minBytesPerSecond the slowest upload rate accepted beyond {@code bodyTime}
 * @param connectionsPerAddress open connections one address may hold (trusted proxies excepted)
 * @param requestsPerClient requests one client may have in progress at once
 */
public record HttpLimits(int threads, Duration idleTimeout, int formBytes, int adminFormBytes, Duration bodyTime,
                         int minBytesPerSecond, int connectionsPerAddress, int requestsPerClient) {
    public static final HttpLimits DEFAULT = new HttpLimits(64, Duration.ofSeconds(30), 64 * 1024, 4 * 1024 * 1024,
            Duration.ofSeconds(10), 16 * 1024, 16, 16);

    /** How long a body of {@code length} bytes may take to arrive. */
    Duration bodyDeadline(long length) {
        return bodyTime.plusSeconds(Math.max(0, length) / minBytesPerSecond);
    }
}
