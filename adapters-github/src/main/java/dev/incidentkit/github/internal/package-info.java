/**
 * Implementation details of the GitHub adapter: the API client with its rate-limit gate and error
 * mapping, and label colours. Nothing here is API: types may change or vanish in any release without
 * notice.
 */
@NullMarked
package dev.incidentkit.github.internal;

import org.jspecify.annotations.NullMarked;
