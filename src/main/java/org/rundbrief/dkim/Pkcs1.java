package org.rundbrief.dkim;

import java.io.ByteArrayOutputStream;

/**
 * An RSA private key in PKCS#1 form ("BEGIN RSA PRIVATE KEY", what {@code openssl genrsa} of
 * OpenSSL 1.x and many hosting panels write) wrapped as PKCS#8 (RFC 5208), the one form the
 * JDK reads.
 */
final class Pkcs1 {
    /** AlgorithmIdentifier: rsaEncryption (1.2.840.113549.1.1.1), NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Pkcs1() {}

    static byte[] toPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream(pkcs1.length + 32);
        inner.writeBytes(VERSION_0);
        inner.writeBytes(RSA_ALGORITHM);
        tagged(inner, 0x04, pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream(pkcs1.length + 40);
        tagged(outer, 0x30, inner.toByteArray());
        return outer.toByteArray();
    }

    /** A DER element: tag, length (short or long form), content. */
    private static void tagged(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
    }
}
