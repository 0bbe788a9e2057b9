package dev.hostclone.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * App secrets as salted PBKDF2-HMAC-SHA256 hashes ({@code pbkdf2-sha256$iterations$salt$hash}),
 * compared in constant time. PBKDF2 is deliberately slow, so a secret once proven is remembered as
 * its SHA-256 (never in clear) against the stored hash it was proven with.
 */
public final class SecretHashing {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String FAMILY = "pbkdf2-";
    private static final int ITERATIONS = 60_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Never updated itself, so copied from any thread. */
    private static final MessageDigest SHA_256 = sha256Prototype();

    private final Map<String, byte[]> provenDigests = new ConcurrentHashMap<>();

    /** A new salted hash of {@code secret}. */
    public static String hash(String secret) {
        return hash(secret, ITERATIONS);
    }

    /** A new salted hash of {@code secret} with this many iterations; tests use many, to make a check slow. */
    static String hash(String secret, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(iterations, salt, derive(secret, salt, iterations));
    }

    /**
     * A new salted hash of a secret drawn at random with at least 128 bits of entropy, such as one the
     * server generates. Stretching protects secrets people choose against guessing; no guess finds a
     * random one, so it takes a single iteration, which spares a start the slow hash (0.15–0.3 s of a
     * JVM just started). Checked as any other hash: its iterations are part of it.
     */
    public static String hashRandom(String randomSecret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(1, salt, derive(randomSecret, salt, 1));
    }

    /**
     * Whether {@code text} has the form of a hash of this scheme, which a store requires of what it is
     * asked to keep: a secret in clear is refused, never stored.
     */
    public static boolean isHash(String text) {
        String[] parts = text.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[1-9][0-9]{0,8}")) {
            return false;
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return base64.decode(parts[2]).length > 0 && base64.decode(parts[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * Whether {@code text} starts as a hash of this family does, whole or not: a configuration that
     * means to give a hash and gets one wrong must be refused, not taken for a secret in clear. The
     * family's name is enough: a shell expanding a hash in double quotes takes each {@code $…} for a
     * variable and leaves {@code pbkdf2-sha2560000+QdN…}, no {@code $} left.
     */
    public static boolean looksLikeHash(String text) {
        return text.startsWith(FAMILY);
    }

    /** The refusal of a text that {@link #isHash} rejects; it never quotes the text, which may be a secret. */
    public static IllegalArgumentException notAHash() {
        return new IllegalArgumentException("an app's secret must be registered by its " + SCHEME + " hash, not in clear");
    }

    /** Whether {@code secret} matches {@code stored}; constant-time in the compared bytes. */
    public boolean matches(String secret, String stored) {
        if (provenBefore(secret, stored)) {
            return true;
        }
        byte[] digest = sha256(stored, secret);
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        boolean match = MessageDigest.isEqual(expected, derive(secret, salt, iterations));
        if (match) {
            provenDigests.put(stored, digest);
        }
        return match;
    }

    /**
     * Whether {@code secret} was already proven against {@code stored}: one SHA-256, cheap enough for
     * an event loop. When false, {@link #matches} must decide, with the slow hash.
     */
    public boolean provenBefore(String secret, String stored) {
        return provenBefore(sha256(stored, secret), stored);
    }

    /** {@link #provenBefore(String, String)} for a caller that already has the secret's {@link #sha256} against {@code stored}. */
    boolean provenBefore(byte[] digest, String stored) {
        byte[] proven = provenDigests.get(stored);
        return proven != null && MessageDigest.isEqual(proven, digest);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    /**
     * The SHA-256 of {@code stored}, a NUL and {@code secret}. Every authenticated request takes one,
     * so each is a copy of a digest made once: a provider lookup per request was a measurable share of it.
     */
    static byte[] sha256(String stored, String secret) {
        MessageDigest digest = newSha256();
        digest.update(stored.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests cannot be copied", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + '$' + iterations + '$' + base64.encodeToString(salt) + '$' + base64.encodeToString(hash);
    }
}
