package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import org.rundbrief.App;

public final class AdminPages implements WebServer.Routes {
    private final App app;
    private final AdminAuth auth;

    public AdminPages(App app, AdminAuth auth) {
        this.app = app;
        this.auth = auth;
    }

    @Override
    public void register(RoutesConfig routes) {
    }
}
