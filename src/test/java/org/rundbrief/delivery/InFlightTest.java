package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void noneIsInFlightOnceEveryTicketIsClosed() throws Exception {
        InFlight inFlight = new InFlight();
        InFlight.Ticket a = inFlight.open();
        InFlight.Ticket b = inFlight.open();
        assertThat(inFlight.awaitNone(Duration.ZERO)).isFalse();
        a.close();
        assertThat(inFlight.count()).isEqualTo(1);
        b.close();
        assertThat(inFlight.awaitNone(Duration.ZERO)).isTrue();
    }

    @Test
    void closingATicketTwiceCountsOnce() {
        InFlight inFlight = new InFlight();
        InFlight.Ticket a = inFlight.open();
        inFlight.open();
        a.close();
        a.close();
        assertThat(inFlight.count()).isEqualTo(1);
    }
}
