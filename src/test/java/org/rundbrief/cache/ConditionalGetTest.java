package org.rundbrief.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalGetTest {
    static final Rendered FEED = Rendered.of("application/atom+xml; charset=utf-8", "<feed/>".getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-11-25T12:00:00.123Z"), "public, max-age=300");

    @Nested
    class AcceptEncoding {
        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "null", value = {
                "gzip|true", "GZIP|true", "deflate, gzip;q=0.5|true", "gzip;q=0|false", "gzip; q=0.0|false",
                "*|true", "*;q=0|false", "identity|false", "br|false", "null|false", "gzip;q=zero|false",
                "*, gzip;q=0|false", "x-gzip|true"})
        void gzipOnlyWhenListedWithPositiveQuality(String header, boolean gzip) {
            assertThat(ConditionalGet.acceptsGzip(header)).isEqualTo(gzip);
        }
    }

    @Nested
    class Validators {
        @Test
        void ifNoneMatchMatchesEitherTagInAListWeakOrStarAndIgnoresIfModifiedSince() {
            assertThat(ConditionalGet.notModified(FEED, "\"a\", " + FEED.etag(), null)).isTrue();
            assertThat(ConditionalGet.notModified(FEED, "W/" + FEED.gzipEtag(), null)).isTrue();
            assertThat(ConditionalGet.notModified(FEED, "*", null)).isTrue();
            assertThat(ConditionalGet.notModified(FEED, "\"other\"", "Wed, 25 Nov 2026 12:00:00 GMT")).isFalse();
        }

        @Test
        void ifModifiedSinceComparesWholeSecondsAndIgnoresGarbage() {
            assertThat(ConditionalGet.notModified(FEED, null, "Wed, 25 Nov 2026 12:00:00 GMT")).isTrue();
            assertThat(ConditionalGet.notModified(FEED, null, "Wed, 25 Nov 2026 11:59:59 GMT")).isFalse();
            assertThat(ConditionalGet.notModified(FEED, null, "gestern")).isFalse();
        }

        @Test
        void anEmptyFeedSendsNoLastModifiedAndIgnoresIfModifiedSince() {
            Rendered empty = Rendered.of("application/rss+xml; charset=utf-8", new byte[] {1}, Instant.EPOCH, "public");
            ConditionalGet.Answer a = ConditionalGet.answer(empty, null, "Wed, 25 Nov 2026 12:00:00 GMT", null, false);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.headers()).doesNotContainKey("Last-Modified");
        }
    }

    @Nested
    class Answers {
        @Test
        void notModifiedCarriesValidatorsAndCachingHeadersButNoBodyOrType() {
            ConditionalGet.Answer a = ConditionalGet.answer(FEED, FEED.etag(), null, "gzip", false);
            assertThat(a.status()).isEqualTo(304);
            assertThat(a.body()).isEmpty();
            assertThat(a.headers()).containsEntry("ETag", FEED.gzipEtag())
                    .containsEntry("Last-Modified", "Wed, 25 Nov 2026 12:00:00 GMT")
                    .containsEntry("Cache-Control", "public, max-age=300").containsEntry("Vary", "Accept-Encoding")
                    .doesNotContainKeys("Content-Type", "Content-Length", "Content-Encoding");
        }

        @Test
        void headHasTheLengthOfTheBodyItLeavesOut() {
            ConditionalGet.Answer a = ConditionalGet.answer(FEED, null, null, "gzip", true);
            assertThat(a.body()).isEmpty();
            assertThat(a.headers()).containsEntry("Content-Length", Integer.toString(FEED.gzipped().length))
                    .containsEntry("Content-Encoding", "gzip")
                    .containsEntry("Content-Type", "application/atom+xml; charset=utf-8");
        }
    }
}
