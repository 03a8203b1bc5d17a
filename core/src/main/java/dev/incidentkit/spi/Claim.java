package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;

/**
 * An effect claimed for delivery by one claimant, fenced by a token: only the holder of the current
 * token may renew the claim or complete the effect, and only while the claim's lease has not run out
 * (see {@link IncidentStore#claimDue}, {@link IncidentStore#renew}, {@link IncidentStore#complete}).
 *
 * @param pending the effect
 * @param token unique to this claim; a later claim of the same effect gets another
 * @param mayHaveRun whether an earlier claim of this effect may have reached the vendor (it started and
 *     its outcome was never recorded, or it ended in a timeout): the delivery must look for the vendor's
 *     marker before creating anything, see {@link IdempotencyKey#mayExist()}
 * @since 0.1
 */
public record Claim(PendingEffect pending, String token, boolean mayHaveRun) {
    /** Checks the fields. */
    public Claim {
        requireNonNull(pending, "pending");
        token = Checks.text(token, "token");
    }

    /**
     * Returns the effect's id in the store.
     *
     * @return the id
     */
    public long effectId() {
        return pending.id();
    }

    /**
     * Returns the idempotency key to hand the port for this delivery.
     *
     * @return the effect's key, marked {@link IdempotencyKey#mayExist() mayExist} if an earlier attempt may
     *     have acted
     */
    public IdempotencyKey idempotencyKey() {
        return new IdempotencyKey(pending.effect().key(), mayHaveRun);
    }
}
