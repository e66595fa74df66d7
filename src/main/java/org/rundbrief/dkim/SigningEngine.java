package org.rundbrief.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the signatures and hashes are computed. The Amazon Corretto Crypto Provider (AWS-LC, native code)
 * signs RSA-2048 two to four times and Ed25519 about twenty times faster than the JDK's Java code
 * (bench/dkim), and needs no JIT warm-up, which matters for a one-shot {@code send}. It ships
 * for Linux on x86-64; where its native part does not load, the JDK's providers sign. The
 * provider is used for DKIM only, never installed for the whole JVM (TLS keeps the JDK's).
 */
final class SigningEngine {
    private static final Logger log = LoggerFactory.getLogger(SigningEngine.class);
    private static final Provider NATIVE = nativeProvider();

    private SigningEngine() {}

    /** A new, uninitialised signature object of {@code algorithm}, native where it loads. */
    static Signature signature(DkimSigner.Algorithm algorithm) throws GeneralSecurityException {
        return NATIVE != null ? Signature.getInstance(algorithm.jca, NATIVE) : Signature.getInstance(algorithm.jca);
    }

    /**
     * A new SHA-256 digest, native where the provider loads: the JDK's own SHA-256 is fast only once
     * the optimizing compiler has compiled it, which a one-shot {@code send} with the quick JIT
     * never does (about ten times slower there, bench/dkim).
     */
    static MessageDigest sha256() {
        try {
            return NATIVE != null ? MessageDigest.getInstance("SHA-256", NATIVE) : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The name of the provider that signs, for the start-up log and tests. */
    static String name() {
        return NATIVE != null ? NATIVE.getName() : "JDK";
    }

    private static Provider nativeProvider() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() == null) {
                return provider;
            }
            log.info("DKIM signs with the JDK's own code: the native provider did not load ({})",
                    provider.getLoadingError().getMessage());
        } catch (LinkageError e) {
            log.info("DKIM signs with the JDK's own code: the native provider did not load ({})", e.toString());
        }
        return null;
    }
}
