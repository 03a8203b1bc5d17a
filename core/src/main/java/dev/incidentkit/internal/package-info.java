/**
 * Implementation details of incidentkit core. Nothing here is API: types may change or vanish in any
 * release without notice. Do not import this package.
 */
@NullMarked
package dev.incidentkit.internal;

import org.jspecify.annotations.NullMarked;
