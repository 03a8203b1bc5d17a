/**
 * Recording fakes of every port, for testing your wiring: each records its calls in order and can be
 * told to fail, to be slow, or to rate-limit, so you can see what incidentkit does when a vendor
 * misbehaves. All are thread-safe.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit.fakes;

import org.jspecify.annotations.NullMarked;
