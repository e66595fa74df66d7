package org.rundbrief.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** On the machines rundbrief ships for, signatures and body hashes are computed by the native provider, not the slow fallback. */
class SigningEngineTest {
    @Test
    void linuxOnX86SignsWithTheNativeProvider() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the native provider ships for Linux x86-64");
        assertThat(SigningEngine.name()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(SigningEngine.sha256().getProvider().getName()).as("the body hash too")
                .isEqualTo("AmazonCorrettoCryptoProvider");
    }
}
