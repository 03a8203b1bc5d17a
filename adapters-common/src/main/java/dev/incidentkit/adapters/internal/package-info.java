/**
 * Implementation details of the adapters' common module. Nothing here is API: types may change or vanish
 * in any release without notice. Do not import this package from outside incidentkit's adapters.
 */
@NullMarked
package dev.incidentkit.adapters.internal;

import org.jspecify.annotations.NullMarked;
