/**
 * Quartz setup and jobs. {@link org.rundbrief.schedule.Schedule} keeps the triggers of
 * {@code schedule.*} in the application database (JDBC job store, migration V7_1), so next-fire
 * times survive restarts and a run missed while the server was down fires once at start-up; on
 * PostgreSQL it runs clustered. Jobs are thin adapters over {@link org.rundbrief.schedule.Tasks}
 * and never overlap themselves. Quartz types stay inside this package (only {@code config} asks
 * Quartz's cron parser whether a {@code schedule.*} expression is valid).
 */
package org.rundbrief.schedule;
