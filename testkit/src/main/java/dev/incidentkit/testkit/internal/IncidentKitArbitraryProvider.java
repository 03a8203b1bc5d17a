package dev.incidentkit.testkit.internal;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Person;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import dev.incidentkit.testkit.arbitraries.IncidentArbitraries;
import dev.incidentkit.testkit.arbitraries.PersonArbitraries;
import dev.incidentkit.testkit.arbitraries.RotationArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Makes {@code @ForAll Incident}, {@code @ForAll Person}, {@code @ForAll Rotation} and
 * {@code @ForAll Command} work without a {@code @Provide} method. Registered in
 * {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}.
 */
public final class IncidentKitArbitraryProvider implements ArbitraryProvider {
    @Override
    public boolean canProvideFor(TypeUsage type) {
        return type.isOfType(Incident.class) || type.isOfType(Person.class) || type.isOfType(Rotation.class)
                || type.isOfType(Command.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage type, SubtypeProvider subtypeProvider) {
        if (type.isOfType(Incident.class)) {
            return Set.of(IncidentArbitraries.incidents());
        }
        if (type.isOfType(Person.class)) {
            return Set.of(PersonArbitraries.people());
        }
        if (type.isOfType(Rotation.class)) {
            return Set.of(RotationArbitraries.rotations());
        }
        return Set.of(CommandArbitraries.commands());
    }
}
