package org.rundbrief.mail;

import java.util.List;

/** Byte arrays joined into one, for message bodies put together from encoded pieces. */
final class Bytes {
    private Bytes() {}

    static byte[] concat(List<byte[]> chunks) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        int size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }
}
