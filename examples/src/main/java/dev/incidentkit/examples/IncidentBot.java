package dev.incidentkit.examples;

import java.io.PrintStream;
import java.util.Map;

/** The incident bot on Slack. Wired once the Slack adapter lands (issue 5). */
final class IncidentBot {
    private IncidentBot() {}

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        err.println("bot: not available yet: the Slack adapter has not landed (issue 5). Try `room` or `drill`.");
        return 1;
    }
}
