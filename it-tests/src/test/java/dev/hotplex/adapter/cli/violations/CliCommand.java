package dev.hotplex.adapter.cli.violations;

import dev.hotplex.adapter.http.violations.HttpRoute;

/** Test-only fixture: a CLI adapter class that uses the HTTP adapter (and so closes a cycle with it). */
public final class CliCommand {

    public void execute(HttpRoute route) {
        route.getClass();
    }
}
