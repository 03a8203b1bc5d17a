/**
 * incidentkit: incident handling for the chatbot you already run.
 *
 * <p>The domain lives in {@link dev.incidentkit.incident}: an incident is the fold of its
 * {@link dev.incidentkit.incident.IncidentEvent events}, and {@link dev.incidentkit.incident.Decider}
 * turns a {@link dev.incidentkit.incident.Command} into new events or a rejection a person can act on.
 * {@link dev.incidentkit.command} reads chat text into commands, and {@link dev.incidentkit.spi} holds
 * the ports adapters implement.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * CommandParser parser = CommandParser.create(clock, ZoneId.of("Europe/Berlin"));
 * Decider decider = new Decider(clock);
 * IncidentStore store = new InMemoryIncidentStore();
 *
 * if (parser.parse("declare sev1 Checkout is failing") instanceof ParseResult.Parsed parsed) {
 *     IncidentId id = store.nextId();
 *     Incident incident = Incident.undeclared(id);
 *     if (decider.decide(incident, parsed.command(), alice) instanceof Decision.Accepted accepted) {
 *         store.append(id, incident.version(), accepted.events());
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing in this package tree does I/O or reads the system time; time comes from an injected
 * {@link java.time.Clock}.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit;

import org.jspecify.annotations.NullMarked;
