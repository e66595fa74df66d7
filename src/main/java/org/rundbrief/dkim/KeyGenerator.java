package org.rundbrief.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Makes a DKIM key pair: the private key as a PEM file only its owner can read, and the DNS TXT
 * record that publishes the public key (RFC 6376 3.6.1; RFC 8463 4 for Ed25519).
 */
public final class KeyGenerator {
    /** A TXT record's strings hold at most 255 characters each (RFC 1035 3.3.14). */
    private static final int TXT_STRING = 250;
    /** The last 32 bytes of an Ed25519 public key's X.509 encoding are the key itself (RFC 8410). */
    private static final int ED25519_KEY_BYTES = 32;

    private KeyGenerator() {}

    /** What was made: the DNS name to publish at and the TXT record's value. */
    public record DnsRecord(String name, String value) {
        /** The record as a zone file line, its value split into strings of at most 250 characters. */
        public String zoneLine() {
            List<String> strings = new ArrayList<>();
            for (int at = 0; at < value.length(); at += TXT_STRING) {
                strings.add("\"" + value.substring(at, Math.min(value.length(), at + TXT_STRING)) + "\"");
            }
            return name + ". 3600 IN TXT ( " + String.join(" ", strings) + " )";
        }
    }

    /**
     * Writes a new private key of {@code algorithm} ({@code bits}: RSA only) to {@code out},
     * readable by its owner only (0600 where the file system has POSIX permissions), and returns
     * the record to publish. An existing file is never overwritten: its public key may be in DNS.
     */
    public static DnsRecord generate(DkimSigner.Algorithm algorithm, int bits, String selector, String domain, Path out)
            throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm == DkimSigner.Algorithm.RSA_SHA256 ? "RSA" : "Ed25519");
            if (algorithm == DkimSigner.Algorithm.RSA_SHA256) {
                generator.initialize(bits);
            }
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java cannot make " + algorithm.tag + " keys: " + e.getMessage(), e);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        write(out, pem);
        return new DnsRecord(selector + "._domainkey." + domain, txtValue(algorithm, pair.getPublic()));
    }

    private static void write(Path out, String pem) throws IOException {
        if (Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString(), null,
                    "exists; a key is never overwritten (its public key may be published): choose another --out");
        }
        try {
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(out);
        }
        Files.writeString(out, pem, StandardCharsets.US_ASCII);
    }

    private static String txtValue(DkimSigner.Algorithm algorithm, PublicKey key) {
        if (algorithm == DkimSigner.Algorithm.RSA_SHA256) {
            // p= is the SubjectPublicKeyInfo, base64 (RFC 6376 3.6.1)
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
        }
        byte[] spki = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - ED25519_KEY_BYTES, spki.length);
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
    }

    /**
     * Whether an RSA private key's parts belong together: a signature made with it verifies with
     * the public key it names. A damaged file can still parse, then signs what no one can verify.
     * (An Ed25519 private key is 32 random bytes: any such key is whole.)
     */
    static boolean signsAndVerifies(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            return true;
        }
        try {
            PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent()));
            byte[] probe = "rundbrief".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
