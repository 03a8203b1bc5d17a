/**
 * IMOC rotations and hand-off: a {@link dev.incidentkit.rotation.Rotation} of people with daily or weekly
 * shifts and time-bounded overrides (it implements the {@link dev.incidentkit.spi.RotationSource} port),
 * fatigue-aware {@link dev.incidentkit.rotation.HandOffCandidates}, and the
 * {@link dev.incidentkit.rotation.HandOffSummary} posted when the IMOC changes.
 *
 * <p>The hand-off flow: {@code handoff} records a request; incidentkit offers the role to the ranked
 * candidates in order ({@code offer handoff @person}, a {@code handoff_offered} event), moving on when
 * an offer is not accepted in time (the {@code handoff} reminder policy); the first candidate to type
 * {@code accept handoff} becomes IMOC.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.rotation;

import org.jspecify.annotations.NullMarked;
