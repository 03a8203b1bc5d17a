/**
 * The starter's helpers: the settings condition, the secret converter, the Servlet bridge to the adapters'
 * inbound endpoints and the kit's lifecycle. Not API: no compatibility promise.
 */
@NullMarked
package dev.incidentkit.spring.internal;

import org.jspecify.annotations.NullMarked;
