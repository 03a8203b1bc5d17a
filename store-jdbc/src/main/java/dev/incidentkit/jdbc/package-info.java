/**
 * A durable {@link dev.incidentkit.spi.IncidentStore} on plain JDBC: {@link dev.incidentkit.jdbc.JdbcIncidentStore}
 * keeps timelines and the outbox in PostgreSQL (several bot replicas may share one database) or in H2 in
 * file mode (a single embedded bot).
 *
 * <pre>{@code
 * IncidentStore store = JdbcIncidentStore.builder(dataSource).build();   // dialect detected, schema created if absent
 * IncidentKit kit = IncidentKit.builder().store(store).chat(chat).replicaName("bot-1").build();
 * }</pre>
 *
 * <p>The schema for each {@link dev.incidentkit.jdbc.Dialect} ships as SQL scripts
 * ({@link dev.incidentkit.jdbc.Dialect#schemaScripts()}) for teams that run their own migration tool.
 */
@NullMarked
package dev.incidentkit.jdbc;

import org.jspecify.annotations.NullMarked;
