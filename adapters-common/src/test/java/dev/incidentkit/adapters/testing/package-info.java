/**
 * Test fixtures every adapter's tests reuse, shipped in this module's test-jar: a fake vendor server on
 * loopback with scripted responses and recorded requests, and a validator that checks recorded requests
 * against the vendors' published API descriptions in {@code ../shared/api-specs}.
 */
@NullMarked
package dev.incidentkit.adapters.testing;

import org.jspecify.annotations.NullMarked;
