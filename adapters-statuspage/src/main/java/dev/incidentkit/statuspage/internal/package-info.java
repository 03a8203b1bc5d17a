/**
 * Implementation details of the Statuspage adapter: the paced API client, error mapping and the cached
 * component list. Nothing here is API: types may change or vanish in any release without notice.
 */
@NullMarked
package dev.incidentkit.statuspage.internal;

import org.jspecify.annotations.NullMarked;
