/**
 * Spring Boot auto-configuration for incidentkit.
 */
@NullMarked
package dev.incidentkit.spring;

import org.jspecify.annotations.NullMarked;
