package org.rundbrief.subscriber;

import java.nio.charset.StandardCharsets;
import org.rundbrief.mail.EmailAddress;

/**
 * The addresses already read from one import file, to report duplicates with the line of their
 * first occurrence. Keeps a 64-bit hash and a line number per address in primitive arrays
 * (~24 bytes per address instead of ~150 for a HashSet of strings), so a file of a million rows
 * stays well inside a small heap. A false "duplicate" needs a 64-bit collision: about 1 in 10^7
 * for a million addresses.
 */
final class SeenEmails {
    private long[] hashes = new long[1 << 12];
    private long[] lines = new long[1 << 12];
    private int size;

    /** Records {@code email} at {@code line}; returns the earlier line if it was seen, else 0. */
    long firstLine(EmailAddress email, long line) {
        long h = hash(email.value());
        int mask = hashes.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (lines[i] == 0) {
                hashes[i] = h;
                lines[i] = line;
                if (++size * 2 > hashes.length) {
                    grow();
                }
                return 0;
            }
            if (hashes[i] == h) {
                return lines[i];
            }
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldLines = lines;
        hashes = new long[oldHashes.length * 2];
        lines = new long[oldLines.length * 2];
        int mask = hashes.length - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldLines[j] != 0) {
                long h = oldHashes[j];
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (lines[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h;
                lines[i] = oldLines[j];
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer (murmur3's fmix64) to spread the bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
