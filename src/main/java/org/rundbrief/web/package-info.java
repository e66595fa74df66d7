/**
 * The HTTP server (Javalin on Jetty 12). Each feature contributes its routes as a
 * {@link org.rundbrief.web.WebServer.Routes}; route classes only do request and response work and
 * validate parameters at the edge. Feeds ({@link org.rundbrief.web.FeedRoutes}) and the public
 * pages that are the same for everyone ({@link org.rundbrief.web.PublicPages}) are answered from
 * the render cache by plain Jetty handlers in front of Javalin (see bench/README.md for why). The
 * admin API and the admin pages pass through one {@link org.rundbrief.web.AdminGate}: it names the
 * caller (bearer token or session cookie), checks the role each route needs and the CSRF token of
 * each form.
 */
package org.rundbrief.web;
