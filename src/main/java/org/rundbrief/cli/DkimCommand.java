package org.rundbrief.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rundbrief.dkim.DkimSigner;
import org.rundbrief.dkim.KeyGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dkim keygen}: a DKIM key pair and the DNS record to publish. */
@Command(name = "dkim", mixinStandardHelpOptions = true,
        description = "DKIM signing keys (RFC 6376): rundbrief signs every message when dkim: is set.",
        subcommands = {DkimCommand.Keygen.class})
public final class DkimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: keygen");
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Write a new private key (readable by its owner only; an existing file is never",
                    "overwritten) and print the DNS TXT record that publishes its public key, and the",
                    "dkim: lines for rundbrief.yml. Needs no config and no database."})
    static final class Keygen implements Callable<Integer> {
        private static final String LABELS = "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--selector", required = true, paramLabel = "S",
                description = "The selector (s=), e.g. rb2026: the key is published at S._domainkey.DOMAIN.")
        String selector;

        @Option(names = "--domain", required = true, paramLabel = "D",
                description = "The signing domain (d=): your From address's domain, so DMARC passes.")
        String domain;

        @Option(names = "--algorithm", paramLabel = "rsa|ed25519", defaultValue = "rsa",
                description = "rsa (default; every receiver checks it) or ed25519 (a second key beside RSA, RFC 8463).")
        String algorithm;

        @Option(names = "--bits", paramLabel = "N", defaultValue = "2048",
                description = "RSA key length, 2048 (default) to 4096.")
        int bits;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write the private key (default: ./dkim.pem, for ed25519 ./dkim-ed25519.pem).")
        Path out;

        @Override
        public Integer call() {
            boolean rsa = switch (algorithm) {
                case "rsa" -> true;
                case "ed25519" -> false;
                default -> throw usage("--algorithm must be rsa or ed25519, was '" + algorithm + "'");
            };
            if (!selector.matches(LABELS)) {
                throw usage("--selector '" + selector + "' must be a DNS label like rb2026");
            }
            if (!domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
                throw usage("--domain '" + domain + "' must be a domain like example.org");
            }
            if (rsa && (bits < 2048 || bits > 4096)) {
                throw usage("--bits must be from 2048 to 4096 (receivers refuse shorter RSA keys), was " + bits);
            }
            Path file = (out != null ? out : Path.of(rsa ? "dkim.pem" : "dkim-ed25519.pem")).toAbsolutePath();
            KeyGenerator.DnsRecord record;
            try {
                record = KeyGenerator.generate(rsa ? DkimSigner.Algorithm.RSA_SHA256 : DkimSigner.Algorithm.ED25519_SHA256,
                        bits, selector, domain, file);
            } catch (FileAlreadyExistsException e) {
                throw usage(file + " exists; a key is never overwritten (its public key may be published): "
                        + "choose another --out");
            } catch (IOException e) {
                spec.commandLine().getErr().println("rundbrief: cannot write " + file + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            java.io.PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote the private key to " + file + " (readable by its owner only). Keep it secret, back it up.");
            o.println();
            o.println("Publish this TXT record in your domain's DNS (your hoster's DNS panel):");
            o.println("  name:  " + record.name());
            o.println("  value: " + record.value());
            o.println("As a zone file line:");
            o.println(record.zoneLine());
            o.println();
            o.println("Then set in rundbrief.yml (after the record can be looked up: dig TXT " + record.name() + "):");
            o.println("dkim:");
            o.println("  domain: " + domain);
            if (rsa) {
                o.println("  selector: " + selector);
                o.println("  privateKeyFile: \"" + file + "\"");
            } else {
                o.println("  ed25519Selector: " + selector);
                o.println("  ed25519KeyFile: \"" + file + "\"");
            }
            return 0;
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
