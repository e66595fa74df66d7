package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The German texts as a native speaker writes them (both files holding the same keys: MessagesTest). */
class GermanTextsTest extends WithSubscriberFixture {

    static Properties messages(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("templates/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void noGermanTextPutsTheClubsNameInACaseItCannotTakeOrSendsReadersIntoTheirMailbox() throws IOException {
        Properties de = messages("de");

        // "bei/von/des {site}" needs the name's dative or genitive ("beim Heimatverein"), which a
        // title cannot give: the texts name the newsletter instead ("beim Newsletter „…“").
        assertThat(de).allSatisfy((key, text) -> assertThat((String) text).as((String) key)
                .doesNotContainPattern("(?i)\\b(bei|beim|von|vom|des|dem|den|der|zu|zum|zur|für)\\s+„?\\{site\\}")
                .doesNotContain("in Ihr Postfach"));
    }

    @Test
    void theWelcomeMailSaysWhenTheNextIssueComesAndNamesTheNewsletterInTheRightCase() {
        f.service.subscribe(f.app.subscriberChoices.subscriber("tag@example.org", "Grete", "de", java.util.List.of(),
                "daily"), SubscriberServiceTest.FORM);
        String prefix = f.app.config.site().base() + "/confirm/";
        f.service.confirm(Mailbox.link(f.mailbox.to("tag@example.org").get(0), prefix).substring(prefix.length()), SubscriberServiceTest.FORM);

        var welcome = f.mailbox.to("tag@example.org").get(1);
        assertThat(Mailbox.subject(welcome)).isEqualTo("Willkommen beim Newsletter „Rundbrief“");
        assertThat(Mailbox.text(welcome).replaceAll("\\s+", " ")).as("the text part, its wrapping undone").contains("Ihr Abo des Newsletters „Rundbrief“ ist bestätigt. "
                + "Neue Beiträge schicken wir Ihnen einmal am Tag.");
    }

    @Test
    void theAddressChangeMailHasASubjectOfItsOwn() {
        Subscriber s = f.service.addConfirmed(f.person("alt@example.org"), null);
        String token = f.tokens.preferencesUrl(s).substring(f.tokens.preferencesUrl(s).lastIndexOf('/') + 1);

        f.service.updatePreferences(token, f.person("neu@example.org"), SubscriberServiceTest.FORM);

        assertThat(f.mailbox.to("neu@example.org")).extracting(Mailbox::subject)
                .containsExactly("Bitte bestätigen Sie Ihre neue E-Mail-Adresse – Rundbrief");
    }
}
