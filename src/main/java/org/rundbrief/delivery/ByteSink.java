package org.rundbrief.delivery;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An in-memory byte stream without {@link java.io.ByteArrayOutputStream}'s locking: encoders
 * such as quoted-printable write one byte at a time, and a lock per byte doubles their cost.
 * Confined to one thread.
 */
final class ByteSink extends OutputStream {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
