package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.MutableClock;

class AdminAuthTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T06:00:00Z"));
    final AdminAuth auth = new AdminAuth("geheim-123", clock, 3);

    @Nested
    class BearerTokens {
        @Test
        void onlyTheExactTokenAfterBearerIsAccepted() {
            assertThat(auth.bearerValid("Bearer geheim-123")).isTrue();
            assertThat(auth.bearerValid("bearer geheim-123")).isTrue();
            assertThat(auth.bearerValid("Bearer geheim-1234")).isFalse();
            assertThat(auth.bearerValid("Bearer geheim-12")).isFalse();
            assertThat(auth.bearerValid("Basic geheim-123")).isFalse();
            assertThat(auth.bearerValid("geheim-123")).isFalse();
            assertThat(auth.bearerValid(null)).isFalse();
        }

        @Test
        void anEmptyConfiguredTokenAcceptsNothingNotEvenAnEmptyBearer() {
            AdminAuth off = new AdminAuth("", clock, 3);
            assertThat(off.enabled()).isFalse();
            assertThat(off.bearerValid("Bearer ")).isFalse();
            assertThat(off.secretMatches("")).isFalse();
        }
    }

    @Nested
    class Sessions {
        @Test
        void anIdleSessionExpiresAndActivityKeepsItAlive() {
            AdminAuth.Session s = auth.newSession(true);
            clock.advance(AdminAuth.SESSION_IDLE.minusMinutes(1));
            assertThat(auth.session(s.id())).isPresent();
            clock.advance(AdminAuth.SESSION_IDLE.minusMinutes(1));
            assertThat(auth.session(s.id())).isPresent();
            clock.advance(AdminAuth.SESSION_IDLE.plusMinutes(1));
            assertThat(auth.session(s.id())).isEmpty();
        }

        @Test
        void theCsrfTokenMustMatchExactly() {
            AdminAuth.Session s = auth.newSession(false);
            assertThat(AdminAuth.csrfValid(s, s.csrf())).isTrue();
            assertThat(AdminAuth.csrfValid(s, s.csrf() + "x")).isFalse();
            assertThat(AdminAuth.csrfValid(s, null)).isFalse();
            assertThat(auth.newSession(false).csrf()).isNotEqualTo(s.csrf());
        }

        @Test
        void anEndedSessionIsGone() {
            AdminAuth.Session s = auth.newSession(true);
            auth.end(s.id());
            assertThat(auth.session(s.id())).isEmpty();
        }
    }

    @Test
    void loginAttemptsAreLimitedPerClientAddress() {
        assertThat(auth.tryLoginAttempt("10.0.0.1")).isTrue();
        assertThat(auth.tryLoginAttempt("10.0.0.1")).isTrue();
        assertThat(auth.tryLoginAttempt("10.0.0.1")).isTrue();
        assertThat(auth.tryLoginAttempt("10.0.0.1")).isFalse();
        assertThat(auth.tryLoginAttempt("10.0.0.2")).isTrue();
    }
}
