/**
 * Contract tests for SPI implementations, ours and yours. Extend the abstract class for your port, supply
 * a fresh subject, and every case runs against it, as Micrometer's compatibility kits do:
 *
 * <pre>{@code
 * class JdbcIncidentStoreContractTest extends IncidentStoreContract {
 *     protected IncidentStore newStore() { return new JdbcIncidentStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>Property contracts such as {@link dev.incidentkit.testkit.contract.ReminderPolicyContract} are jqwik
 * interfaces: implement the interface and name the subject.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit.contract;

import org.jspecify.annotations.NullMarked;
