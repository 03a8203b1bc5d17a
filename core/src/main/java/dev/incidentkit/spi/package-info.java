/**
 * The ports adapters implement. Each is a small interface with one idea; its Javadoc states
 * thread-safety and the failure contract, and the testkit ships a contract test every implementation
 * runs ({@code dev.incidentkit.testkit.contract}).
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.spi;

import org.jspecify.annotations.NullMarked;
