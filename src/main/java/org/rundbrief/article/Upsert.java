package org.rundbrief.article;

/** What storing one collected article did. */
public enum Upsert { NEW, UPDATED, UNCHANGED }
