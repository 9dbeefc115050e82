package dev.hotplex.adapter.cli;

import java.io.PrintWriter;

/** Runs one call against the server and turns its failure into a one-line message and the documented exit code. */
final class RemoteCall {
    interface Body {
        void run(ServerApi api, PrintWriter out);
    }

    private RemoteCall() {
    }

    static int run(ServerApiFactory factory, ServerOptions options, PrintWriter out, PrintWriter err, Body body) {
        try (ServerApi api = factory.open(options.server())) {
            body.run(api, out);
            out.flush();
            return ExitCodes.OK;
        } catch (ServerApiException e) {
            err.println("✗ " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }
}
