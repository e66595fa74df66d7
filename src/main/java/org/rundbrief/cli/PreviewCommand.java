package org.rundbrief.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rundbrief.app.App;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Write the exact digest one subscriber would get now, without sending or changing anything.",
                "",
                "Writes DIR/digest.eml (the whole MIME message), DIR/digest.html and DIR/digest.txt.",
                "",
                "Example:",
                "  rundbrief preview --cadence weekly --subscriber anna@example.org --out /tmp/preview"})
public final class PreviewCommand extends AppCommand {
    @Option(names = "--cadence", required = true, paramLabel = "C", description = "immediate, daily or weekly")
    String cadence;

    @Option(names = "--subscriber", required = true, paramLabel = "EMAIL", description = "The subscriber's address.")
    String subscriber;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files to (created if missing).")
    Path out;

    @Override
    protected int run(App app) throws Exception {
        Cadence c = Cadence.parse(cadence);
        EmailAddress email = EmailAddress.parse(subscriber);
        Subscriber s = app.subscribers.byEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("--subscriber: no subscriber " + email));
        Subscriber asCadence = new Subscriber(s.id(), s.email(), s.name(), s.status(), c, s.language(), s.topics(),
                s.createdAt(), s.confirmedAt(), s.deliveredUntil(), s.linkKey());
        Optional<OutgoingMail> mail = app.preview.preview(asCadence);
        if (mail.isEmpty()) {
            out().println("Nothing is new for " + email + "; they would get no mail.");
            return 0;
        }
        Files.createDirectories(out);
        try (OutputStream eml = Files.newOutputStream(out.resolve("digest.eml"))) {
            app.mailer.writeEml(mail.get(), eml);
        }
        Files.writeString(out.resolve("digest.html"), mail.get().html(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("digest.txt"), mail.get().text(), StandardCharsets.UTF_8);
        out().println("Subject: " + mail.get().subject());
        out().println("Wrote " + out.resolve("digest.eml") + ", digest.html, digest.txt");
        return 0;
    }
}
