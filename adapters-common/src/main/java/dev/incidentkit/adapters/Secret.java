package dev.incidentkit.adapters;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A token, key or signing secret. {@link #toString()} never shows the value; {@link #reveal()} is the only
 * way to read it, so every use of the value is easy to find in a review.
 *
 * <p>This is a final class and not a record on purpose: a record's generated {@code toString} would print
 * the value. Equality compares the values in constant time. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("SLACK_BOT_TOKEN"));
 * log.info("using {}", token);          // using Secret[redacted]
 * }</pre>
 *
 * @since 0.1
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the value; not blank
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank (the message does not show it)
     */
    public static Secret of(String value) {
        requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret is not blank");
        }
        return new Secret(value);
    }

    /**
     * Returns the value. Call it only where the value leaves the process on purpose: an HTTP header, an
     * HMAC key.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Returns the value's UTF-8 bytes, for use as an HMAC key.
     *
     * @return a fresh copy of the bytes
     */
    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Compares the values in constant time.
     *
     * @param other another object
     * @return true if {@code other} is a secret with the same value
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(revealBytes(), s.revealBytes());
    }

    /** Returns a hash of a digest of the value, which tells nothing useful about it. */
    @Override
    public int hashCode() {
        try {
            return Arrays.hashCode(MessageDigest.getInstance("SHA-256").digest(revealBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns {@code Secret[redacted]}, never the value. */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
