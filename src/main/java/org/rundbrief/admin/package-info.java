/**
 * The admin side, shared by the admin API and the admin pages (both in {@code web}) and the
 * {@code users} command. Who may act: {@link org.rundbrief.admin.Accounts} (admin users with a
 * {@link org.rundbrief.admin.Role}, invitation links, bcrypt passwords, personal API tokens,
 * {@code security.adminToken} as the bootstrap identity) and {@link org.rundbrief.admin.Sessions}
 * (browser sessions in the database). What they do: {@link org.rundbrief.admin.AdminActions}
 * (editions, jobs, collect), {@link org.rundbrief.admin.ArticleActions} (posts written by hand;
 * {@link org.rundbrief.admin.ScheduledPosts} makes scheduled ones public in {@code serve}),
 * {@link org.rundbrief.admin.MemberActions} (members); each action writes its own entry in the
 * {@link org.rundbrief.admin.AuditLog}, naming the person. {@link org.rundbrief.admin.EditionDesk}
 * creates, previews and sends editions in the background with live progress;
 * {@link org.rundbrief.admin.AdminStore} has the overviews and statistics. No HTTP types here:
 * the web package converts at its edge, and decides there which role each route needs.
 */
package org.rundbrief.admin;
