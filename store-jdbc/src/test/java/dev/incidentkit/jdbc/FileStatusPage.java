package dev.incidentkit.jdbc;

import dev.incidentkit.spi.IdempotencyKey;
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
 * A status page vendor that outlives the bot, and behaves like one: every publish adds an update customers
 * see (one line in a file, carrying the idempotency key as the marker a real adapter leaves in the
 * update's metadata), whatever its key. Only a publish whose key says an earlier attempt
 * {@link IdempotencyKey#mayExist() may exist} looks for that marker first and returns the update it finds.
 * The crashing bot's instance hangs after the update was added, like a bot killed while waiting for the
 * vendor's answer.
 */
final class FileStatusPage implements StatusPublisher {
    private final Path log;
    private final boolean hangAfterPublishing;

    FileStatusPage(Path log, boolean hangAfterPublishing) {
        this.log = log;
        this.hangAfterPublishing = hangAfterPublishing;
    }

    @Override
    public synchronized Published publish(StatusUpdate update, IdempotencyKey key) {
        String id = update.statusPageIncident().orElse("SP-" + update.incident());
        Published published = new Published(id, "https://status.example.com/incidents/" + id);
        try {
            if (key.mayExist() && published(log).contains(key.value())) {
                return published; // found our own marker: the earlier attempt did publish it
            }
            Files.writeString(log, key.value() + "\t" + update.status() + "\t" + update.message() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hangAfterPublishing) {
            System.out.println("IN_FLIGHT " + key.value());
            System.out.flush();
            try {
                new CountDownLatch(1).await(); // until the test kills this process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return published;
    }

    /** Every update the status page shows, in order: the marker (idempotency key) of each; a key twice is a duplicate. */
    static List<String> published(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> l.split("\t")[0]).toList()
                : List.of();
    }
}
