package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.RemoteSession;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Sessions as people read them: an aligned table for a list, one field per line for a single session. */
final class SessionTable {
    private static final List<String> HEADERS = List.of("ID", "STATE", "PID", "PROVIDER", "LAST ACTIVE", "WORK DIR");

    private SessionTable() {
    }

    static void list(List<RemoteSession> sessions, PrintWriter out) {
        if (sessions.isEmpty()) {
            out.println("no sessions");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        sessions.forEach(session -> rows.add(List.of(session.id(), session.state(), pid(session), session.provider(),
                session.lastActiveAt(), session.workDir())));
        int[] widths = new int[HEADERS.size()];
        rows.forEach(row -> {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        });
        rows.forEach(row -> {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                line.append(cell);
                if (column < row.size() - 1) {
                    line.append(" ".repeat(widths[column] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        });
    }

    static void show(RemoteSession session, PrintWriter out) {
        field(out, "id", session.id());
        field(out, "state", session.state());
        field(out, "pid", pid(session));
        field(out, "provider", session.provider());
        field(out, "provider session", session.providerSessionId());
        field(out, "work dir", session.workDir());
        field(out, "created", session.createdAt());
        field(out, "last active", session.lastActiveAt());
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-17s %s%n", name + ":", value.isEmpty() ? "-" : value);
    }

    private static String pid(RemoteSession session) {
        return session.hasProcess() ? String.valueOf(session.pid()) : "-";
    }
}
