/**
 * The incident bot as a Spring Boot application: {@code incidentkit-spring-boot-starter} configures
 * everything from {@code application.yml}; the one class here only starts it, and says in the log what the
 * bot would post while Slack is not set up.
 */
@NullMarked
package dev.incidentkit.examples.spring;

import org.jspecify.annotations.NullMarked;
