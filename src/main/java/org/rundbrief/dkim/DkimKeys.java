package org.rundbrief.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigException;

/**
 * Reads the configured DKIM keys (PEM files) once, at start. A key that is missing, unreadable,
 * not a private key, of the wrong kind or too short is a {@link ConfigException} naming its
 * config key and saying what to do: better no start than months of unsigned mail.
 */
public final class DkimKeys {
    /** RFC 8301 3.2: verifiers may refuse RSA keys under 1024 bits; Gmail and Yahoo want 2048. */
    static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private DkimKeys() {}

    /**
     * The signer {@code dkim} configures, paths relative to {@code baseDir}, its signatures timed
     * by {@code clock}; empty when DKIM is not set up.
     */
    public static Optional<DkimSigner> signer(Config.Dkim dkim, Path baseDir, Clock clock) {
        if (!dkim.configured()) {
            return Optional.empty();
        }
        List<DkimSigner.Key> keys = new ArrayList<>();
        keys.add(new DkimSigner.Key(DkimSigner.Algorithm.RSA_SHA256, dkim.selector(),
                read("dkim.privateKeyFile", baseDir.resolve(dkim.privateKeyFile()), DkimSigner.Algorithm.RSA_SHA256,
                        dkim.selector(), dkim.domain())));
        if (dkim.ed25519KeyFile() != null && !dkim.ed25519KeyFile().isBlank()) {
            keys.add(new DkimSigner.Key(DkimSigner.Algorithm.ED25519_SHA256, dkim.ed25519SelectorOrDefault(),
                    read("dkim.ed25519KeyFile", baseDir.resolve(dkim.ed25519KeyFile()),
                            DkimSigner.Algorithm.ED25519_SHA256, dkim.ed25519SelectorOrDefault(), dkim.domain())));
        }
        return Optional.of(new DkimSigner(dkim.domain(), keys, clock));
    }

    /** The private key of kind {@code algorithm} in {@code file}, or a config error naming {@code key}. */
    static PrivateKey read(String key, Path file, DkimSigner.Algorithm algorithm, String selector, String domain) {
        String fix = "; make one with: rundbrief dkim keygen --selector " + selector + " --domain " + domain
                + (algorithm == DkimSigner.Algorithm.ED25519_SHA256 ? " --algorithm ed25519" : "")
                + " --out " + file + " (and publish the DNS record it prints)";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new ConfigException("key '" + key + "': " + file + " does not exist" + fix);
        } catch (IOException e) {
            throw new ConfigException("key '" + key + "': cannot read " + file + " (" + e.getMessage()
                    + "); the user running rundbrief needs read access to it (chmod 600, owned by that user)");
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new ConfigException("key '" + key + "': " + file + " is not a PEM key file (no -----BEGIN ... KEY----- block)" + fix);
        }
        String type = pem.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key '" + key + "': " + file + " holds a damaged " + type + " block" + fix);
        }
        PrivateKey privateKey = switch (type) {
            case "PRIVATE KEY" -> pkcs8(key, file, der, fix);
            case "RSA PRIVATE KEY" -> pkcs8(key, file, Pkcs1.toPkcs8(der), fix);
            case "ENCRYPTED PRIVATE KEY" -> throw new ConfigException("key '" + key + "': " + file
                    + " is encrypted with a passphrase; rundbrief needs it unencrypted: "
                    + "openssl pkey -in " + file + " -out new.pem, then point " + key + " at new.pem");
            default -> throw new ConfigException("key '" + key + "': " + file + " holds a " + type
                    + ", not a private key; " + key + " names the private key file (the public key goes into DNS)" + fix);
        };
        return checked(key, file, privateKey, algorithm, fix);
    }

    private static PrivateKey pkcs8(String key, Path file, byte[] der, String fix) {
        for (String kind : List.of("RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new ConfigException("key '" + key + "': " + file + " holds a private key that is neither RSA nor Ed25519" + fix);
    }

    private static PrivateKey checked(String key, Path file, PrivateKey privateKey, DkimSigner.Algorithm algorithm, String fix) {
        boolean rsa = privateKey instanceof RSAPrivateCrtKey;
        if (algorithm == DkimSigner.Algorithm.RSA_SHA256 && !rsa) {
            throw new ConfigException("key '" + key + "': " + file + " holds an Ed25519 key, not an RSA key; "
                    + "put it into dkim.ed25519KeyFile, and an RSA key here" + fix);
        }
        if (algorithm == DkimSigner.Algorithm.ED25519_SHA256 && rsa) {
            throw new ConfigException("key '" + key + "': " + file + " holds an RSA key, not an Ed25519 key" + fix);
        }
        if (rsa && ((RSAPrivateCrtKey) privateKey).getModulus().bitLength() < MIN_RSA_BITS) {
            throw new ConfigException("key '" + key + "': " + file + " holds an RSA key of "
                    + ((RSAPrivateCrtKey) privateKey).getModulus().bitLength() + " bits; receivers want at least "
                    + MIN_RSA_BITS + fix);
        }
        if (!KeyGenerator.signsAndVerifies(privateKey)) {
            throw new ConfigException("key '" + key + "': " + file + " holds a private key whose parts do not match "
                    + "(a signature made with it does not verify); the file is damaged" + fix);
        }
        return privateKey;
    }
}
