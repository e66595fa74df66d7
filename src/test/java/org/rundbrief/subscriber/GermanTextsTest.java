package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The German texts as a native speaker writes them, and the two message files in step. */
class GermanTextsTest extends WithSubscriberFixture {

    static Properties messages(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("templates/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void bothMessageFilesHoldTheSameKeys() throws IOException {
        Properties de = messages("de");
        Properties en = messages("en");

        assertThat(de.stringPropertyNames()).as("keys only in German").isSubsetOf(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).as("keys only in English").isSubsetOf(de.stringPropertyNames());
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
