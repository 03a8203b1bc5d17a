package dev.incidentkit.spring;

import dev.incidentkit.IncidentKit;

/**
 * Adjusts the auto-configured kit's builder before it is built, for settings the starter does not set
 * from properties or beans (e.g. {@code retries}, {@code deliveryLanes}, {@code handOffCandidates}). Beans
 * of this type are applied in their {@code @Order}. A setting the starter has already set cannot be set
 * again (the builder says which); declare the bean the starter takes it from instead, or your own
 * {@link IncidentKit}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface IncidentKitCustomizer {
    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the starter's settings applied
     */
    void customize(IncidentKit.Builder builder);
}
