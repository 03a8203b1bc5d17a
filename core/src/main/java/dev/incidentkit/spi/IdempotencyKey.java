package dev.incidentkit.spi;

import dev.incidentkit.internal.Checks;

/**
 * What makes a call that creates something safe to repeat: a key, stable across retries, restarts and
 * replicas, that the adapter leaves with the vendor as a marker (message metadata, a hidden line in an
 * issue body, an incident's metadata), and whether an earlier attempt with this key may already have
 * reached the vendor.
 *
 * <p>When {@link #mayExist()} is true, an earlier attempt ended without a known outcome (a timeout, a
 * crash mid-call, a lease that ran out): the adapter must look for its marker first and return what it
 * finds instead of creating a second object. When false, no attempt with this key ever started, and the
 * adapter may create at once.
 *
 * @param value the key, e.g. {@code INC-42:7:2}
 * @param mayExist whether an earlier attempt may have acted, so the adapter must look before creating
 * @since 0.1
 */
public record IdempotencyKey(String value, boolean mayExist) {
    /** Checks the key. */
    public IdempotencyKey {
        value = Checks.text(value, "value");
    }

    /**
     * A key no attempt has used yet.
     *
     * @param value the key
     * @return the key, with {@code mayExist} false
     */
    public static IdempotencyKey first(String value) {
        return new IdempotencyKey(value, false);
    }

    /**
     * A key an earlier attempt may have used.
     *
     * @param value the key
     * @return the key, with {@code mayExist} true
     */
    public static IdempotencyKey again(String value) {
        return new IdempotencyKey(value, true);
    }

    /** Returns the key itself, so that logs and messages show it as before. @return the key */
    @Override
    public String toString() {
        return value + (mayExist ? " (again)" : "");
    }
}
