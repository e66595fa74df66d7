package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.Role;
import org.rundbrief.subscriber.CsvEncoding;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.SubscriberImport;

/**
 * The member list upload ({@code /admin/subscribers/import}): the same streaming importer as
 * {@code rundbrief subscribers import}, with its encoding detection (Excel's UTF-8 with byte order
 * mark, Windows-1252, UTF-16), and the same per-row report shown on the page: each rejected row
 * with its line and what to fix (in the page's language), each suppressed address with its line. Good rows are imported,
 * bad ones are not; importing the fixed file again adds only what was missing.
 */
final class MemberImportPage {
    /** Rows of the report shown on the page; the counts cover all of them. */
    static final int SHOWN = 500;

    private final AdminPages pages;
    private final MemberActions members;

    MemberImportPage(AdminPages pages, MemberActions members) {
        this.pages = pages;
        this.members = members;
    }

    void register(RoutesConfig r) {
        r.get("/admin/subscribers/import", pages.page(Role.PUBLISHER, (ctx, a) -> render(ctx, a, Map.of())));
        r.post("/admin/subscribers/import", pages.form(Role.PUBLISHER, this::upload));
    }

    private void render(Context ctx, AdminGate.Access a, Map<String, Object> outcome) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("confirmed", "on".equals(ctx.formParam("confirmed")));
        model.put("note", Optional.ofNullable(ctx.formParam("note")).orElse(""));
        model.put("error", "");
        model.put("result", false);
        model.putAll(outcome);
        pages.render(ctx, a, "member-import", model);
    }

    private void refuse(Context ctx, AdminGate.Access a, String error) {
        ctx.status(400);
        render(ctx, a, Map.of("error", error));
    }

    private void upload(Context ctx, AdminGate.Access a) throws IOException {
        boolean confirmed = "on".equals(ctx.formParam("confirmed"));
        String note = Optional.ofNullable(ctx.formParam("note")).orElse("");
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            refuse(ctx, a, pages.msg("admin.import.noFile"));
            return;
        }
        if (confirmed && note.isBlank()) {
            refuse(ctx, a, pages.msg("admin.import.noteRequired"));
            return;
        }
        SubscriberImport.Options options = new SubscriberImport.Options(confirmed, note.isBlank() ? null : note);
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] more = {0};
        SubscriberImport.Result result;
        String guessed = "";
        try (InputStream in = file.content()) {
            CsvEncoding.Decoded csv = CsvEncoding.open(in, null);
            if (csv.guessed()) {
                guessed = pages.msg("admin.import.guessed").replace("{charset}", csv.charset().name());
            }
            try (Reader reader = csv.reader()) {
                result = members.importCsv(a.actor(), reader, options, new SubscriberImport.Listener() {
                    @Override
                    public void rejected(long line, InvalidInput why) {
                        add(line, why.problems().stream().map(MemberImportPage.this::text).collect(Collectors.joining(" ")));
                    }

                    @Override
                    public void suppressed(long line, String email) {
                        add(line, pages.msg("admin.import.suppressedRow").replace("{email}", email));
                    }

                    private void add(long line, String reason) {
                        if (rows.size() < SHOWN) {
                            rows.add(Map.of("line", line, "reason", reason));
                        } else {
                            more[0]++;
                        }
                    }

                    @Override
                    public void progress(long read) {
                    }
                });
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // the file itself is unreadable (no e-mail column, broken quoting, not the encoding it claims)
            refuse(ctx, a, pages.msg("admin.import.failed").replace("{file}", Optional.ofNullable(file.filename()).orElse(""))
                    + " " + Optional.ofNullable(e.getMessage()).orElse(e.toString()));
            return;
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("result", true);
        outcome.put("rows", result.rows());
        outcome.put("imported", result.imported());
        outcome.put("unchanged", result.unchanged());
        outcome.put("suppressed", result.suppressed());
        outcome.put("rejected", result.rejected());
        outcome.put("report", rows);
        outcome.put("more", more[0]);
        outcome.put("guessed", guessed);
        outcome.put("file", Optional.ofNullable(file.filename()).orElse(""));
        render(ctx, a, outcome);
    }

    /** A row's problem in the page's language, with the values it names. */
    private String text(InvalidInput.Problem p) {
        return pages.msg(p.messageKey(), p.values());
    }
}
