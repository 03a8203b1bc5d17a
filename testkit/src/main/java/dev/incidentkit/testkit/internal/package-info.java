/**
 * Implementation details of the testkit. Nothing here is API: types may change or vanish in any release
 * without notice. Do not import this package.
 */
@NullMarked
package dev.incidentkit.testkit.internal;

import org.jspecify.annotations.NullMarked;
