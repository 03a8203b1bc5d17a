package dev.incidentkit;

import java.util.List;

/**
 * A builder was given missing or bad settings. The message lists every problem at once, each with what
 * to set instead.
 *
 * @since 0.1
 */
public final class ConfigurationException extends IncidentKitException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param what what was being built, e.g. {@code IncidentKit}
     * @param problems each problem, with its fix
     */
    public ConfigurationException(String what, List<String> problems) {
        super(java.util.Objects.requireNonNull(what, "what") + " is not configured correctly:\n - "
                + String.join("\n - ", java.util.Objects.requireNonNull(problems, "problems")));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem found. @return the problems */
    public List<String> problems() {
        return problems;
    }
}
