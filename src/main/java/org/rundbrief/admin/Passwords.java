package org.rundbrief.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Password hashes: bcrypt at cost 12. bcrypt reads at most 72 bytes, so a longer passphrase is
 * first hashed with SHA-512 (the library's strategy) instead of being cut off.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 500;
    private static final int COST = 12;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2Y;
    private static final BCrypt.Hasher HASHER = BCrypt.with(VERSION, new java.security.SecureRandom(),
            LongPasswordStrategies.hashSha512(VERSION));
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    /** Checked when the email is unknown, so that a wrong address takes as long as a wrong password. */
    private static final String DUMMY = hash("no-such-user-password");

    private Passwords() {}

    /** The rule a new password must meet; IllegalArgumentException naming it. */
    static void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the password must have at most " + MAX_LENGTH + " characters");
        }
    }

    static String hash(String password) {
        return HASHER.hashToString(COST, password.toCharArray());
    }

    /** {@code hash} null (no password set, or no such user) never matches, but costs the same time. */
    static boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        boolean ok = VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? DUMMY : hash).getBytes(StandardCharsets.US_ASCII)).verified;
        return ok && hash != null;
    }
}
