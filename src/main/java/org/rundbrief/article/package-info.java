/**
 * Articles as they are kept: the {@link org.rundbrief.article.Article} record, the draft a source
 * hands in ({@link org.rundbrief.article.ArticleDraft}) and {@link org.rundbrief.article.ArticleStore},
 * through which every other package reads and writes articles and the sources' fetch state.
 * Articles are identified by (source key, guid), updated in place when upstream changes, and their
 * {@code collectedAt} never changes. Where articles come from is the job of
 * {@link org.rundbrief.collect}; what it said about a source (warnings, the last error) is kept as
 * {@link org.rundbrief.article.SourceNote}s, English text beside a message kind and its values.
 * Images uploaded for posts are kept as files by {@link org.rundbrief.article.MediaFiles}.
 */
package org.rundbrief.article;
