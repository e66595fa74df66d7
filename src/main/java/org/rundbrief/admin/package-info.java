/**
 * Admin support shared by the admin API and the admin pages (both in {@code web}): the audit log
 * of every admin action ({@link org.rundbrief.admin.AuditLog}), read-only overviews and statistics
 * ({@link org.rundbrief.admin.AdminStore}, {@link org.rundbrief.admin.Stats}), and
 * {@link org.rundbrief.admin.EditionDesk}, which creates, previews and sends editions in the
 * background with live progress; {@link org.rundbrief.admin.AdminActions} does and audits each
 * action both channels share. No HTTP types here: the web package converts at its edge.
 */
package org.rundbrief.admin;
