package dev.incidentkit.rotation;

/**
 * How long one shift of a {@link Rotation} lasts, in the rotation's local calendar: a daily shift is one
 * local day long, 23 or 25 hours across a daylight-saving change.
 *
 * @since 0.1
 */
public enum ShiftLength {
    /** One local day. */
    DAILY(1),
    /** One local week. */
    WEEKLY(7);

    private final int days;

    ShiftLength(int days) {
        this.days = days;
    }

    /**
     * Returns the length in local days.
     *
     * @return 1 or 7
     */
    public int days() {
        return days;
    }
}
