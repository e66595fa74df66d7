/**
 * FreeMarker set up once for mail and web templates: HTML auto-escaping for {@code *.html.ftl},
 * messages per language, and a {@code templates/} folder next to the config overriding the
 * templates shipped in the jar file by file.
 */
package org.rundbrief.template;
