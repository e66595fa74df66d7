/**
 * The HTTP server (Javalin on Jetty 12). Each feature contributes its routes as a
 * {@link org.rundbrief.web.WebServer.Routes}; route classes only do request and response work and
 * validate parameters at the edge. Feeds are answered by a plain Jetty handler in front of Javalin
 * (see bench/README.md for why).
 */
package org.rundbrief.web;
