/**
 * Internals of the JDBC store: SQL per dialect, the schema installer and transaction plumbing. No
 * compatibility promise: anything here may change in any release.
 */
@NullMarked
package dev.incidentkit.jdbc.internal;

import org.jspecify.annotations.NullMarked;
