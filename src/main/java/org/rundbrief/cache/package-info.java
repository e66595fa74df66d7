/**
 * Documents rendered once per change and answered from memory: feeds and public pages.
 *
 * <p>Contract: {@link org.rundbrief.cache.RenderCache} keeps {@link org.rundbrief.cache.Rendered}
 * bytes (identity and gzip, strong ETag, Last-Modified) on shelves until the site's version
 * (asked in the background, from the shared database) moves; {@link org.rundbrief.cache.ConditionalGet}
 * decides 200 / 304 and the headers. Knows nothing of feeds, pages or HTTP servers: callers bring
 * the renderers and copy the answer onto the wire.
 */
package org.rundbrief.cache;
