package dev.incidentkit.examples;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar incidentkit-examples.jar room|drill|bot|--help}.
 */
public final class Main {
    static final String USAGE = """
            incidentkit examples

              room                 an incident room in the terminal: type `alice: declare sev1 Checkout is failing`,
                                   `+15m` to move the clock, `at 14:30`, `# comments`; Ctrl-D to leave
              drill [--script FILE] [--report-out PATH] [--timeline-out PATH]
                                   play a drill script (default: the bundled SEV1 drill) and exit;
                                   writes the service-disruption report (Markdown) and the timeline (JSON)
              bot                  the incident bot on Slack (needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)
              --help               this text
            """;

    /** The instant the room and drills start at, so transcripts are the same on every run. */
    static final Instant DRILL_START = Instant.parse("2026-11-24T14:00:00Z");

    private Main() {}

    /**
     * Runs a subcommand.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "room":
                    return room(in, out);
                case "drill":
                    return drill(List.of(args).subList(1, args.length), out, err);
                case "bot":
                    return IncidentBot.run(System.getenv(), out, err);
                default:
                    err.println("unknown subcommand `" + args[0] + "`\n");
                    err.print(USAGE);
                    return 2;
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int room(InputStream in, PrintStream out) throws IOException {
        out.println("incidentkit room: type `alice: declare sev1 Checkout is failing`, `alice: help`, `+15m`, or Ctrl-D to leave.");
        out.println("Integrations: chat, pager, status page and issue tracker print here (console ports).");
        try (IncidentRoom room = new IncidentRoom(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MINUTES), out);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    room.play(line, false);
                } catch (IncidentRoom.BadLine e) {
                    out.println("?? " + e.getMessage());
                }
            }
        }
        return 0;
    }

    private static int drill(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Optional<Path> script = Optional.empty();
        Optional<Path> reportOut = Optional.empty();
        Optional<Path> timelineOut = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                err.println("drill: " + flag + " needs a value\n");
                err.print(USAGE);
                return 2;
            }
            Path value = Path.of(args.get(++i));
            switch (flag) {
                case "--script" -> script = Optional.of(value);
                case "--report-out" -> reportOut = Optional.of(value);
                case "--timeline-out" -> timelineOut = Optional.of(value);
                default -> {
                    err.println("drill: unknown option " + flag + "\n");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        List<String> lines = script.isPresent() ? Files.readAllLines(script.get(), StandardCharsets.UTF_8) : bundledDrill();
        String name = script.map(Path::toString).orElse("the bundled SEV1 drill");
        try (IncidentRoom room = new IncidentRoom(DRILL_START, out)) {
            for (int n = 0; n < lines.size(); n++) {
                try {
                    room.play(lines.get(n), true);
                } catch (IncidentRoom.BadLine e) {
                    err.println(name + ":" + (n + 1) + ": " + e.getMessage());
                    return 1;
                }
            }
            Optional<Incident> incident = room.incident();
            if (incident.isPresent()) {
                if (reportOut.isPresent()) {
                    Files.writeString(reportOut.get(), Reports.markdown(incident.get()), StandardCharsets.UTF_8);
                    out.println("report written to " + reportOut.get());
                }
                if (timelineOut.isPresent()) {
                    Files.writeString(timelineOut.get(), IncidentJson.export(incident.get()), StandardCharsets.UTF_8);
                    out.println("timeline written to " + timelineOut.get());
                }
                if (reportOut.isEmpty()) {
                    out.println();
                    out.println(Reports.markdown(incident.get()));
                }
            }
        }
        return 0;
    }

    static List<String> bundledDrill() throws IOException {
        try (InputStream in = Main.class.getResourceAsStream("/drills/sev1-checkout.txt")) {
            if (in == null) {
                throw new IOException("the bundled drill is missing from the jar");
            }
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }
}
