package org.rundbrief.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.subscriber.Signer;

class VerpTest {
    private final Verp verp = new Verp("bounces@example.org", new Signer("geheim"));

    @Test
    void anEnvelopeSenderNamesItsMessageAndReadsBackToIt() {
        String address = verp.of(BounceReference.delivery(4711));
        assertThat(address).matches("bounces\\+d4711-[0-9a-f]{16}@example\\.org");
        assertThat(verp.reference(address)).contains(BounceReference.delivery(4711));
        assertThat(verp.reference("<" + address.toUpperCase(Locale.ROOT) + ">"))
                .as("a server may change the case of the local part").contains(BounceReference.delivery(4711));
        assertThat(verp.reference(verp.of(BounceReference.newAddress(7)))).contains(BounceReference.newAddress(7));
    }

    @Test
    void withoutAReferenceTheEnvelopeSenderIsTheBounceAddress() {
        assertThat(verp.of(null)).isEqualTo("bounces@example.org");
        assertThat(verp.reference("bounces@example.org")).isEmpty();
    }

    @Test
    void aForgedOrForeignAddressNamesNothing() {
        String real = verp.of(BounceReference.subscriber(12));
        String signature = real.substring(real.indexOf('-') + 1, real.indexOf('@'));
        assertThat(verp.reference("bounces+s13-" + signature + "@example.org")).as("another subscriber, same signature").isEmpty();
        assertThat(verp.reference(real.replace("@example.org", "@example.com"))).isEmpty();
        assertThat(verp.reference(new Verp("bounces@example.org", new Signer("anderes")).of(BounceReference.subscriber(12))))
                .as("signed with another secret").isEmpty();
        assertThat(verp.reference("bounces+x12-" + signature + "@example.org")).isEmpty();
        assertThat(verp.reference("news@example.org")).isEmpty();
        assertThat(verp.reference("")).isEmpty();
    }
}
