/**
 * Configuration: {@code defaults.yml} in the jar, then {@code rundbrief.yml}, then
 * {@code RUNDBRIEF_*} environment variables, bound to records and validated once. Every problem is
 * a {@link org.rundbrief.config.ConfigException} that names the key; the rest of the program trusts
 * the values.
 */
package org.rundbrief.config;
