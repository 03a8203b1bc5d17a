package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An incident's timeline as {@link Incident#timeline()} returns it: an unmodifiable view of the first
 * {@code size} slots of an array that the later states of the same incident share, so that
 * {@link #append} costs O(1) (amortised) instead of a copy of every earlier event.
 *
 * <p>Why sharing is safe: a slot is written once, under the array's {@link Tip} lock, and only by the
 * view whose size equals the number of slots taken so far (the newest state). A view never reads past
 * its own size, so later writes are invisible to it. Appending to an older state (a branch: the same
 * state evolved twice) finds the slot taken and copies its own prefix into a new array, so the newer
 * state is never overwritten. Slots below a view's size were written before the view was constructed
 * (under the lock, which orders the writers), and its fields are final, so any thread that sees the
 * view sees those events.
 */
final class Timeline extends AbstractList<IncidentEvent> implements RandomAccess {
    private static final int MIN_CAPACITY = 16;
    private static final Timeline EMPTY = new Timeline(new IncidentEvent[0], 0, new Tip(0));

    /** How many slots of one shared array are taken; its monitor guards writes into the array. */
    private static final class Tip {
        private int taken;

        Tip(int taken) {
            this.taken = taken;
        }
    }

    private final IncidentEvent[] events;
    private final int size;
    private final Tip tip;

    private Timeline(IncidentEvent[] events, int size, Tip tip) {
        this.events = events;
        this.size = size;
        this.tip = tip;
    }

    /**
     * Returns an empty timeline.
     *
     * @return the empty timeline, shared (its first append always allocates)
     */
    static Timeline empty() {
        return EMPTY;
    }

    /**
     * Returns an empty timeline with room for {@code capacity} events before it has to grow.
     *
     * @param capacity the room, at least 0
     * @return a timeline of its own
     */
    static Timeline withCapacity(int capacity) {
        return capacity == 0 ? EMPTY : new Timeline(new IncidentEvent[capacity], 0, new Tip(0));
    }

    /**
     * Returns the events as a timeline: the same object if it already is one (it is immutable),
     * else a copy.
     *
     * @param events the events
     * @return the timeline
     * @throws NullPointerException if an event is null
     */
    static Timeline of(List<? extends IncidentEvent> events) {
        if (events instanceof Timeline t) {
            return t;
        }
        if (events.isEmpty()) {
            return EMPTY;
        }
        IncidentEvent[] copy = events.toArray(new IncidentEvent[0]);
        for (IncidentEvent e : copy) {
            requireNonNull(e, "event");
        }
        return new Timeline(copy, copy.length, new Tip(copy.length));
    }

    /**
     * Returns this timeline plus one event at the end, leaving this one as it was.
     *
     * @param event the event
     * @return the longer timeline
     */
    Timeline append(IncidentEvent event) {
        requireNonNull(event, "event");
        synchronized (tip) {
            if (tip.taken == size && size < events.length) {
                events[size] = event;
                tip.taken = size + 1;
                return new Timeline(events, size + 1, tip);
            }
        }
        // full, or a branch (a later state took the next slot): copy only this view's own events
        // half again (as ArrayList grows): amortised O(1), and a cached 10,000-event incident wastes at most
        // half, not all, of its array
        IncidentEvent[] grown = new IncidentEvent[size + Math.max(MIN_CAPACITY, size >> 1)];
        System.arraycopy(events, 0, grown, 0, size);
        grown[size] = event;
        return new Timeline(grown, size + 1, new Tip(size + 1));
    }

    @Override
    public IncidentEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a timeline of " + size);
        }
        return events[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Timeline t && t.events == events) {
            return t.size == size; // two views of one array agree on every slot both can see
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
