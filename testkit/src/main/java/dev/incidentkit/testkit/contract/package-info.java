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
 * <p>The port contracts ({@link dev.incidentkit.testkit.contract.ChatGatewayContract},
 * {@link dev.incidentkit.testkit.contract.DirectoryContract}, {@link dev.incidentkit.testkit.contract.PagerContract},
 * {@link dev.incidentkit.testkit.contract.StatusPublisherContract},
 * {@link dev.incidentkit.testkit.contract.IssueTrackerContract},
 * {@link dev.incidentkit.testkit.contract.RotationSourceContract}) also ask for a
 * {@link dev.incidentkit.testkit.contract.VendorFaults} that makes your fake vendor refuse, rate-limit or act
 * and answer too late, and for a count of what the vendor holds, so that they can show a repeat makes
 * nothing twice and every failure is typed.
 *
 * <p>Property contracts such as {@link dev.incidentkit.testkit.contract.ReminderPolicyContract} are jqwik
 * interfaces: implement the interface and name the subject.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit.contract;

import org.jspecify.annotations.NullMarked;
