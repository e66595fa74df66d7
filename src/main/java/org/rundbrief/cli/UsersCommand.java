package org.rundbrief.cli;

import java.time.format.DateTimeFormatter;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AdminUser;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.Role;
import org.rundbrief.app.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code users ...}: the admin accounts (who may use the admin pages and API, with which role). */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Admin accounts: add (prints an invitation link), list, remove, reset (a new link),",
                "token (a personal API token, printed once). Roles: editor, publisher, admin."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
                UsersCommand.Reset.class, UsersCommand.Token.class})
public final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command (add, list, remove, reset, token)");
    }

    static void printLink(java.io.PrintWriter out, Accounts.Invitation invitation, App app) {
        DateTimeFormatter at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(app.config.site().zone());
        out.println("Send this link to " + invitation.user().email() + "; it sets the password, once, until "
                + at.format(invitation.expires()) + ":");
        out.println(invitation.link());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user and print the one-time link (valid 72 hours) where they set their password.")
    static final class Add extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--role", required = true, description = "editor, publisher or admin")
        String role;
        @Option(names = "--name", description = "the name shown to the others")
        String name;

        @Override
        protected int run(App app) {
            Role r = Role.parse(role);
            printLink(out(), app.accounts.invite(AuditLog.Actor.CLI, email, name, r), app);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every user: email, role, active or invited, name.")
    static final class ListUsers extends AppCommand {
        @Override
        protected int run(App app) {
            for (AdminUser u : app.accounts.list()) {
                out().println(u.email() + "  " + u.role().id() + "  " + (u.active() ? "active" : "invited")
                        + (u.name() == null ? "" : "  " + u.name()));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user; their sessions and API tokens end at once.")
    static final class Remove extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        protected int run(App app) {
            AdminUser u = app.accounts.remove(AuditLog.Actor.CLI, app.accounts.byEmail(email).id());
            out().println("removed " + u.email());
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Print a new password link; the old password and every session of the user end now.")
    static final class Reset extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        protected int run(App app) {
            printLink(out(), app.accounts.reset(AuditLog.Actor.CLI, email), app);
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Create a personal API token with the user's role and print it (only now; it is stored hashed).",
                    "Use it as 'Authorization: Bearer TOKEN'; revoke it on the user's account page."})
    static final class Token extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--name", required = true, description = "what the token is for, e.g. the script that uses it")
        String name;

        @Override
        protected int run(App app) {
            out().println(app.accounts.createToken(AuditLog.Actor.CLI, app.accounts.byEmail(email).id(), name));
            return 0;
        }
    }
}
