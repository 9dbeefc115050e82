package dev.hotplex.adapter.http.violations;

import dev.hotplex.adapter.cli.violations.CliCommand;
import dev.hotplex.core.service.violations.CoreService;

/** Test-only fixture: an HTTP adapter class that uses the CLI adapter and a core service directly. */
public final class HttpRoute {

    public void handle(CliCommand command, CoreService service) {
        service.serve();
        command.execute(this);
    }
}
