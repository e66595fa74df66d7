package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.config.Config;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Actor;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.RateLimiter;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberService.Outcome;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.Tokens;
import org.rundbrief.template.Templates;

/**
 * The public subscriber pages: subscribe form, confirmation link, unsubscribe (GET shows one
 * button, POST acts, RFC 8058 one-click included), preferences, "send me a new link" (also the
 * answer to an expired or revoked link) and the "that wasn't me" of an address change (GET shows
 * one button, POST acts). Only request/response work here;
 * the rules live in {@link SubscriberService}. Pages speak the member's language, or for strangers
 * the best match of {@code Accept-Language}. The subscribe and "send me a new link" forms answer
 * every address alike, in content and in time ({@link AnswerFloor}).
 */
public final class SubscriberPages implements WebServer.Routes {
    private final SubscriberService service;
    private final ClientAddress clients;
    private final Choices choices;
    private final Tokens tokens;
    private final Templates templates;
    private final Config.Site site;
    private final RateLimiter perIp;

    public SubscriberPages(SubscriberService service, Choices choices, Tokens tokens, Templates templates,
                           Config.Site site, Clock clock, ClientAddress clients) {
        this.service = service;
        this.clients = clients;
        this.choices = choices;
        this.tokens = tokens;
        this.templates = templates;
        this.site = site;
        // one IP may post 10 forms at once (a club evening behind one router), then one per minute
        this.perIp = new RateLimiter(clock, 10, Duration.ofMinutes(1), 100_000);
    }

    @Override
    public void register(RoutesConfig r) {
        // Normally answered by PublicPages from the render cache (subscribeForm below).
        r.get("/subscribe", ctx -> form(ctx, language(ctx), emptyForm(language(ctx)), List.of(), 200));
        // The two forms that take any address answer no sooner than a fixed floor (AnswerFloor), so
        // that the time they take does not tell whether the address is known.
        AnswerFloor floor = new AnswerFloor(AnswerFloor.FORMS);
        r.post("/subscribe", floor.around(this::subscribe));
        r.get("/confirm/{token}", this::confirm);
        r.get("/unsubscribe/{token}", this::unsubscribePage);
        r.post("/unsubscribe/{token}", this::unsubscribe);
        r.get("/preferences/{token}", this::preferencesPage);
        r.post("/preferences/{token}", this::savePreferences);
        r.get("/link", ctx -> freshLinkForm(ctx, language(ctx), 200, false));
        r.post("/link", floor.around(this::sendFreshLinks));
        r.get("/undo/{token}", this::undoPage);
        r.post("/undo/{token}", this::undo);
    }

    /** The empty subscribe form in {@code lang}: the same for every visitor, so it can be cached. */
    String subscribeForm(String lang) {
        return templates.render("web/subscribe.html.ftl", formModel(lang, emptyForm(lang), List.of()), lang);
    }

    /**
     * The per-client limit and the honeypot of the public forms that mail an address. False when the
     * request was answered here: 429 over the limit; for a filled honeypot (a bot, whose address gets
     * no more tries for a while) the form's success message {@code doneKey}, so the bot learns nothing.
     */
    private boolean admitted(Context ctx, String lang, String doneKey) {
        String client = ClientAddress.limitKey(clients.of(ctx));
        if (!perIp.tryAcquire(client)) {
            message(ctx, lang, 429, "ratelimited", null);
            return false;
        }
        if (!isBlank(ctx.formParam("website"))) {
            perIp.drain(client);
            message(ctx, lang, 200, doneKey, null);
            return false;
        }
        return true;
    }

    // POST /subscribe takes plain cross-origin form posts: the form is embeddable in the club's own
    // website, so it carries no CSRF token; double opt-in and the rate limits protect it.
    private void subscribe(Context ctx) {
        String lang = language(ctx);
        if (!admitted(ctx, lang, "check")) {
            return;
        }
        NewSubscriber s;
        try {
            s = choices.subscriber(ctx.formParam("email"), ctx.formParam("name"), ctx.formParam("language"),
                    ctx.formParams("topics"), ctx.formParam("cadence"));
        } catch (InvalidInput e) {
            form(ctx, lang, formFromRequest(ctx, lang), fields(e), 400);
            return;
        }
        if (service.subscribe(s, actor(ctx)) == Outcome.RATE_LIMITED) {
            message(ctx, s.language(), 429, "ratelimited", null);
            return;
        }
        message(ctx, s.language(), 200, "check", null);
    }

    private void confirm(Context ctx) {
        String token = ctx.pathParam("token");
        Outcome outcome = service.confirm(token, actor(ctx));
        Optional<Subscriber> s = service.confirmationLink(token).member();
        String lang = s.map(Subscriber::language).orElse(language(ctx));
        switch (outcome) {
            case DONE, ALREADY -> {
                String key = outcome == Outcome.ALREADY ? "already"
                        : tokens.check(Tokens.Purpose.CHANGE_EMAIL, token).valid() ? "emailchanged" : "confirmed";
                messageWithLink(ctx, lang, 200, key, null, s.map(tokens::preferencesUrl).orElse(null), "sub.link.preferences");
            }
            default -> failure(ctx, lang, outcome);
        }
    }

    private void unsubscribePage(Context ctx) {
        // A GET never unsubscribes: mail scanners and link previews follow GETs.
        SubscriberService.Link link = service.follow(Tokens.Purpose.UNSUBSCRIBE, ctx.pathParam("token"));
        if (!link.valid()) {
            linkFailure(ctx, link);
            return;
        }
        Optional<Subscriber> s = link.member();
        Map<String, Object> model = model(s.get().language());
        model.put("email", s.get().email().value());
        model.put("actionUrl", site.base() + "/unsubscribe/" + ctx.pathParam("token"));
        ctx.status(200).html(templates.render("web/unsubscribe.html.ftl", model, s.get().language()));
    }

    private void unsubscribe(Context ctx) {
        String token = ctx.pathParam("token");
        // RFC 8058: a mail client's one-click POST carries exactly "List-Unsubscribe=One-Click"
        // and expects the unsubscription to be done, with no page or mail to follow.
        boolean oneClick = "One-Click".equals(ctx.formParam("List-Unsubscribe"));
        SubscriberService.Link link = service.follow(Tokens.Purpose.UNSUBSCRIBE, token);
        Optional<Subscriber> s = link.member();
        Outcome outcome = service.unsubscribe(token, actor(ctx), !oneClick);
        if (outcome != Outcome.DONE && outcome != Outcome.ALREADY) {
            linkFailure(ctx, link);
        } else if (oneClick) {
            ctx.status(200).contentType("text/plain; charset=utf-8").result("unsubscribed\n");
        } else {
            String lang = s.map(Subscriber::language).orElse(language(ctx));
            messageWithLink(ctx, lang, 200, "unsubscribed", null, site.base() + "/subscribe", "sub.link.subscribe");
        }
    }

    private void preferencesPage(Context ctx) {
        SubscriberService.Link link = service.preferencesLink(ctx.pathParam("token"));
        if (!link.valid()) {
            linkFailure(ctx, link);
            return;
        }
        Subscriber sub = link.member().get();
        var form = new Form(sub.email().value(), orEmpty(sub.name()), sub.topics(), sub.cadence().id(), sub.language());
        preferences(ctx, sub, form, List.of(), 200);
    }

    private void savePreferences(Context ctx) {
        String token = ctx.pathParam("token");
        SubscriberService.Link link = service.preferencesLink(token);
        if (!link.valid()) {
            linkFailure(ctx, link);
            return;
        }
        Optional<Subscriber> s = link.member();
        if (!perIp.tryAcquire(ClientAddress.limitKey(clients.of(ctx)))) {
            message(ctx, s.get().language(), 429, "ratelimited", null);
            return;
        }
        NewSubscriber changes;
        try {
            changes = choices.subscriber(ctx.formParam("email"), ctx.formParam("name"), ctx.formParam("language"),
                    ctx.formParams("topics"), ctx.formParam("cadence"));
        } catch (InvalidInput e) {
            preferences(ctx, s.get(), formFromRequest(ctx, s.get().language()), fields(e), 400);
            return;
        }
        if (service.updatePreferences(token, changes, actor(ctx)) == Outcome.RATE_LIMITED) {
            message(ctx, s.get().language(), 429, "ratelimited", null);
            return;
        }
        String extra = changes.email().equals(s.get().email()) ? null : "emailchange";
        messageWithLink(ctx, changes.language(), 200, "saved", extra, site.base() + "/preferences/" + token,
                "sub.link.preferences");
    }

    /**
     * A member link that does not work: an expired or revoked one offers a fresh link by mail (in
     * the member's language); a genuine link of someone who left or was forgotten is "gone";
     * anything else "invalid".
     */
    private void linkFailure(Context ctx, SubscriberService.Link link) {
        String lang = link.member().map(Subscriber::language).orElse(language(ctx));
        if (link.outcome() == Outcome.EXPIRED) {
            freshLinkForm(ctx, lang, 400, true);
        } else {
            failure(ctx, lang, link.outcome());
        }
    }

    /** "Send me a new link": asks for the address (never shows the one on file: the link may have been forwarded). */
    private void freshLinkForm(Context ctx, String lang, int status, boolean expired) {
        Map<String, Object> model = model(lang);
        model.put("expired", expired);
        model.put("actionUrl", site.base() + "/link");
        model.put("error", status == 400 && !expired);
        ctx.status(status).html(templates.render("web/link.html.ftl", model, lang));
    }

    private void sendFreshLinks(Context ctx) {
        String lang = language(ctx);
        if (!admitted(ctx, lang, "linksent")) {
            return;
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(orEmpty(ctx.formParam("email")).strip());
        } catch (IllegalArgumentException e) {
            freshLinkForm(ctx, lang, 400, false);
            return;
        }
        if (service.sendFreshLinks(email) == Outcome.RATE_LIMITED) {
            message(ctx, lang, 429, "ratelimited", null);
            return;
        }
        message(ctx, lang, 200, "linksent", null);
    }

    private void undoPage(Context ctx) {
        // A GET never changes anything: mail scanners and link previews follow GETs.
        SubscriberService.Link link = service.follow(Tokens.Purpose.UNDO_EMAIL_CHANGE, ctx.pathParam("token"));
        if (!link.valid()) {
            undoFailure(ctx, link.member().map(Subscriber::language).orElse(language(ctx)), link.outcome());
            return;
        }
        String lang = link.member().get().language();
        Map<String, Object> model = model(lang);
        model.put("email", link.detail());
        model.put("actionUrl", site.base() + "/undo/" + ctx.pathParam("token"));
        ctx.status(200).html(templates.render("web/undo.html.ftl", model, lang));
    }

    private void undo(Context ctx) {
        String token = ctx.pathParam("token");
        SubscriberService.Link link = service.follow(Tokens.Purpose.UNDO_EMAIL_CHANGE, token);
        String lang = link.member().map(Subscriber::language).orElse(language(ctx));
        Outcome outcome = service.undoEmailChange(token, actor(ctx));
        switch (outcome) {
            case DONE, ALREADY -> message(ctx, lang, 200, "undone", null);
            default -> undoFailure(ctx, lang, outcome);
        }
    }

    /** An undo link after its 7 days says so (not "confirmation link"); the address may subscribe anew. */
    private void undoFailure(Context ctx, String lang, Outcome outcome) {
        if (outcome == Outcome.EXPIRED) {
            messageWithLink(ctx, lang, 400, "undoexpired", null, site.base() + "/subscribe", "sub.link.subscribe");
        } else {
            failure(ctx, lang, outcome);
        }
    }

    private void preferences(Context ctx, Subscriber s, Form form, List<String> errors, int status) {
        Map<String, Object> model = formModel(s.language(), form, errors);
        model.put("actionUrl", site.base() + "/preferences/" + ctx.pathParam("token"));
        model.put("unsubscribeUrl", tokens.unsubscribeUrl(s));
        ctx.status(status).html(templates.render("web/preferences.html.ftl", model, s.language()));
    }

    private void form(Context ctx, String lang, Form form, List<String> errors, int status) {
        ctx.status(status).html(templates.render("web/subscribe.html.ftl", formModel(lang, form, errors), lang));
    }

    private void failure(Context ctx, Outcome outcome) {
        failure(ctx, language(ctx), outcome);
    }

    private void failure(Context ctx, String lang, Outcome outcome) {
        switch (outcome) {
            case EXPIRED -> messageWithLink(ctx, lang, 400, "expired", null, site.base() + "/subscribe", "sub.link.subscribe");
            case GONE -> messageWithLink(ctx, lang, 404, "gone", null, site.base() + "/subscribe", "sub.link.subscribe");
            default -> message(ctx, lang, 400, "invalid", null);
        }
    }

    private void message(Context ctx, String lang, int status, String key, String extra) {
        messageWithLink(ctx, lang, status, key, extra, null, null);
    }

    private void messageWithLink(Context ctx, String lang, int status, String key, String extra, String linkUrl,
                                 String linkText) {
        Map<String, Object> model = model(lang);
        model.put("key", key);
        model.put("extra", extra == null ? "" : extra);
        model.put("linkUrl", linkUrl == null ? "" : linkUrl);
        model.put("linkText", linkText == null ? "" : linkText);
        ctx.status(status).html(templates.render("web/message.html.ftl", model, lang));
    }

    /** The form fields as the template reads them (a record's accessors would need parentheses there). */
    private record Form(String email, String name, List<String> topics, String cadence, String language) {
        Map<String, Object> asMap() {
            return Map.of("email", email, "name", name, "topics", topics, "cadence", cadence, "language", language);
        }
    }

    private Form emptyForm(String lang) {
        return new Form("", "", List.of(), Choices.DEFAULT_CADENCE.id(), lang);
    }

    private static Form formFromRequest(Context ctx, String lang) {
        return new Form(orEmpty(ctx.formParam("email")), orEmpty(ctx.formParam("name")), ctx.formParams("topics"),
                orEmpty(ctx.formParam("cadence")), Optional.ofNullable(ctx.formParam("language")).orElse(lang));
    }

    private Map<String, Object> formModel(String lang, Form form, List<String> errors) {
        Map<String, Object> model = model(lang);
        model.put("form", form.asMap());
        model.put("errors", errors);
        model.put("topics", choices.topics().stream().map(t -> Map.of("id", t.id(), "label", t.label(lang))).toList());
        model.put("cadences", Arrays.stream(Cadence.values()).map(Cadence::id).toList());
        model.put("languages", Choices.LANGUAGES);
        return model;
    }

    private Map<String, Object> model(String lang) {
        Map<String, Object> model = new HashMap<>();
        model.put("siteTitle", site.title());
        model.put("siteUrl", site.base());
        model.put("lang", lang);
        return model;
    }

    private static List<String> fields(InvalidInput e) {
        return e.problems().stream().map(InvalidInput.Problem::field).distinct().toList();
    }

    /** Best of our languages for {@code Accept-Language}, else the site's language. */
    private String language(Context ctx) {
        return language(ctx.header("Accept-Language"));
    }

    /** Best of our languages for an {@code Accept-Language} header (null: none), else the site's language. */
    String language(String header) {
        if (header != null) {
            try {
                String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), Choices.LANGUAGES);
                if (tag != null) {
                    return tag;
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is no reason to fail the page
            }
        }
        return choices.defaultLanguage();
    }

    private Actor actor(Context ctx) {
        return new Actor(Origin.FORM, clients.of(ctx), ctx.header("User-Agent"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
