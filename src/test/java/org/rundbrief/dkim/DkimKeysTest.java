package org.rundbrief.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigException;

/** Reading the DKIM keys at start: every bad key file is a config error naming its key and what to do. */
class DkimKeysTest {
    @TempDir
    Path dir;

    private Optional<DkimSigner> signer(String rsaFile, String ed25519File) {
        return DkimKeys.signer(new Config.Dkim("example.org", "rb2026", rsaFile, ed25519File, ""), dir, Clock.systemUTC());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyPair pair(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            g.initialize(bits);
        }
        return g.generateKeyPair();
    }

    /** The PKCS#1 key inside a 2048-bit RSA key's PKCS#8 encoding: after its 26-byte wrapper. */
    private static byte[] pkcs1(KeyPair rsa) {
        byte[] pkcs8 = rsa.getPrivate().getEncoded();
        assertThat(pkcs8[22]).as("OCTET STRING of the private key").isEqualTo((byte) 0x04);
        return java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    }

    @Test
    void eachSignatureCarriesTheTimeItWasMade() throws Exception {
        KeyGenerator.generate(DkimSigner.Algorithm.RSA_SHA256, 2048, "rb2026", "example.org", dir.resolve("rsa.pem"));
        Clock at = Clock.fixed(java.time.Instant.parse("2026-12-06T19:00:00Z"), java.time.ZoneOffset.UTC);
        DkimSigner signer = DkimKeys.signer(new Config.Dkim("example.org", "rb2026", "rsa.pem", "", ""), dir, at).orElseThrow();
        java.util.List<String> fields = signer.sign(java.util.List.of("From: news@example.org", "Subject: Hallo"),
                "Text\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(fields).singleElement().asString().contains("; t=1796583600;");
    }

    @Test
    void noKeyFileConfiguredMeansNoSigner() {
        assertThat(DkimKeys.signer(new Config.Dkim("", "", "", "", ""), dir, Clock.systemUTC())).isEmpty();
    }

    @Test
    void keygensKeysAreReadAndAnOpensslPkcs1KeyToo() throws Exception {
        KeyGenerator.generate(DkimSigner.Algorithm.RSA_SHA256, 2048, "rb2026", "example.org", dir.resolve("rsa.pem"));
        KeyGenerator.generate(DkimSigner.Algorithm.ED25519_SHA256, 0, "rb2026-ed25519", "example.org", dir.resolve("ed.pem"));
        assertThat(signer("rsa.pem", "ed.pem")).isPresent();
        Files.writeString(dir.resolve("pkcs1.pem"), pem("RSA PRIVATE KEY", pkcs1(pair("RSA", 2048))));
        assertThat(signer("pkcs1.pem", "")).isPresent();
    }

    @Test
    void aMissingKeyFileNamesTheKeyAndTheKeygenCommand() {
        assertThatThrownBy(() -> signer("dkim.pem", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'dkim.privateKeyFile'")
                .hasMessageContaining(dir.resolve("dkim.pem") + " does not exist")
                .hasMessageContaining("rundbrief dkim keygen --selector rb2026 --domain example.org");
    }

    @Test
    void anUnreadableKeyFileSaysWhoNeedsAccess() throws Exception {
        Files.createDirectory(dir.resolve("dkim.pem")); // unreadable as a file, also for root
        assertThatThrownBy(() -> signer("dkim.pem", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'dkim.privateKeyFile': cannot read")
                .hasMessageContaining("needs read access");
    }

    @Test
    void aFileThatIsNoPrivateKeyIsRefused() throws Exception {
        Files.writeString(dir.resolve("text.pem"), "rb2026._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIIB\"\n");
        assertThatThrownBy(() -> signer("text.pem", "")).hasMessageContaining("key 'dkim.privateKeyFile'")
                .hasMessageContaining("is not a PEM key file");
        Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair("RSA", 2048).getPublic().getEncoded()));
        assertThatThrownBy(() -> signer("public.pem", "")).hasMessageContaining("key 'dkim.privateKeyFile'")
                .hasMessageContaining("holds a PUBLIC KEY, not a private key");
        Files.writeString(dir.resolve("encrypted.pem"), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> signer("encrypted.pem", "")).hasMessageContaining("is encrypted with a passphrase")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void aKeyOfTheWrongKindOrTooShortIsRefused() throws Exception {
        Files.writeString(dir.resolve("ed.pem"), pem("PRIVATE KEY", pair("Ed25519", 0).getPrivate().getEncoded()));
        Files.writeString(dir.resolve("rsa.pem"), pem("PRIVATE KEY", pair("RSA", 2048).getPrivate().getEncoded()));
        Files.writeString(dir.resolve("short.pem"), pem("PRIVATE KEY", pair("RSA", 1024).getPrivate().getEncoded()));
        Files.writeString(dir.resolve("ec.pem"), pem("PRIVATE KEY", pair("EC", 256).getPrivate().getEncoded()));
        assertThatThrownBy(() -> signer("ed.pem", "")).hasMessageContaining("key 'dkim.privateKeyFile'")
                .hasMessageContaining("holds an Ed25519 key, not an RSA key");
        assertThatThrownBy(() -> signer("rsa.pem", "rsa.pem")).hasMessageContaining("key 'dkim.ed25519KeyFile'")
                .hasMessageContaining("holds an RSA key, not an Ed25519 key")
                .hasMessageContaining("--algorithm ed25519");
        assertThatThrownBy(() -> signer("short.pem", "")).hasMessageContaining("1024 bits")
                .hasMessageContaining("at least 2048");
        assertThatThrownBy(() -> signer("ec.pem", "")).hasMessageContaining("neither RSA nor Ed25519");
    }

    @Test
    void aDamagedKeyWhoseSignaturesCannotVerifyIsRefused() throws Exception {
        byte[] key = pkcs1(pair("RSA", 2048));
        key[key.length - 20] ^= 0x55; // inside the CRT coefficient: it still parses, but signs wrongly
        Files.writeString(dir.resolve("damaged.pem"), pem("RSA PRIVATE KEY", key));
        assertThatThrownBy(() -> signer("damaged.pem", "")).hasMessageContaining("key 'dkim.privateKeyFile'")
                .hasMessageContaining("parts do not match");
    }
}
