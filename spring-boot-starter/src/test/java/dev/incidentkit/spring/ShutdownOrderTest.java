package dev.incidentkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A whole web application stops in the right order: when the kit closes (and releases its delivery claims),
 * the web server no longer accepts connections, so no request can reach a closed kit.
 */
final class ShutdownOrderTest {
    /** The port the server listened on, set once it has started; 0 before. */
    private static final AtomicInteger PORT = new AtomicInteger();
    /** For each release of claims after start: whether the server still accepted a connection then. */
    private static final List<Boolean> ACCEPTING_AT_RELEASE = new CopyOnWriteArrayList<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        RecordingChatGateway chat() {
            return new RecordingChatGateway();
        }

        @Bean
        IncidentStore store() {
            return new ReleaseCountingStore(new InMemoryIncidentStore(), new AtomicInteger()) {
                @Override
                public int release(String owner) {
                    int port = PORT.get();
                    if (port > 0) {
                        ACCEPTING_AT_RELEASE.add(accepting(port));
                    }
                    return super.release(owner);
                }
            };
        }
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theKitClosesAfterTheWebServerHasStopped() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "incidentkit.tick-every=0", "spring.main.banner-mode=off")
                .run();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(accepting(port)).as("serving while running").isTrue();
            PORT.set(port);
        } finally {
            context.close();
        }
        assertThat(ACCEPTING_AT_RELEASE).as("the kit closed, with the server already stopped").isNotEmpty()
                .doesNotContain(true);
    }
}
