package dev.incidentkit.jdbc;

import dev.incidentkit.spi.StatusPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A status page vendor that outlives the bot: every request it receives is one line in a file, and it
 * keeps one update per idempotency key, as the real vendors do. The crashing bot's instance hangs after
 * receiving a request, like a bot killed while waiting for the vendor's answer.
 */
final class FileStatusPage implements StatusPublisher {
    private final Path log;
    private final boolean hangAfterReceiving;

    FileStatusPage(Path log, boolean hangAfterReceiving) {
        this.log = log;
        this.hangAfterReceiving = hangAfterReceiving;
    }

    @Override
    public synchronized Published publish(StatusUpdate update, String idempotencyKey) {
        try {
            Files.writeString(log, idempotencyKey + "\t" + update.status() + "\t" + update.message() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hangAfterReceiving) {
            System.out.println("IN_FLIGHT " + idempotencyKey);
            System.out.flush();
            try {
                new CountDownLatch(1).await(); // until the test kills this process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String id = update.statusPageIncident().orElse("SP-" + update.incident());
        return new Published(id, "https://status.example.com/incidents/" + id);
    }

    /** Every request received, in order: one idempotency key each. */
    static List<String> requests(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> l.split("\t")[0]).toList()
                : List.of();
    }

    /** The updates the status page shows: one per idempotency key. */
    static List<String> published(Path log) throws IOException {
        return requests(log).stream().distinct().toList();
    }
}
