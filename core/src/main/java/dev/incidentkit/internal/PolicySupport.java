package dev.incidentkit.internal;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Small helpers the built-in reminder policies share. */
public final class PolicySupport {
    private PolicySupport() {}

    /** A per-severity table of durations; a missing severity means "never". */
    public static final class BySeverity {
        private final EnumMap<Severity, Duration> values = new EnumMap<>(Severity.class);
        private final String what;

        public BySeverity(String what) {
            this.what = what;
        }

        public BySeverity set(Severity severity, Duration d) {
            requireNonNull(severity, "severity");
            values.put(severity, Checks.positiveSeconds(d, what + " for " + severity.chatName()));
            return this;
        }

        public BySeverity all(Duration d) {
            for (Severity s : Severity.values()) {
                set(s, d);
            }
            return this;
        }

        public BySeverity never(Severity severity) {
            values.remove(requireNonNull(severity, "severity"));
            return this;
        }

        public Map<Severity, Duration> build() {
            return values.isEmpty() ? Map.of() : Map.copyOf(values);
        }
    }

    /** Returns the duration for a severity from a table built by {@link BySeverity}. */
    public static Optional<Duration> lookup(Map<Severity, Duration> table, Severity severity) {
        return Optional.ofNullable(table.get(severity));
    }
}
