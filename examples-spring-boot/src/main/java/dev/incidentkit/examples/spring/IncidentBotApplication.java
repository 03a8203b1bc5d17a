package dev.incidentkit.examples.spring;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;

/**
 * The incident bot on Spring Boot. With {@code SLACK_BOT_TOKEN} and {@code SLACK_SIGNING_SECRET} set, the
 * starter wires Slack ({@code /incident} arrives on {@code POST /slack/events}), and PagerDuty, Statuspage and
 * GitHub when their variables are set (see {@code application.yml}); incidents are kept in H2 under
 * {@code ./incidentkit-data}, or in PostgreSQL when {@code INCIDENTKIT_DB_URL} names one. Health and metrics
 * are on {@code /actuator}.
 *
 * <p>Without Slack settings the bot still starts, with a chat platform that only writes to the log, so the
 * wiring and the actuator can be tried without any account.
 */
@SpringBootApplication
public class IncidentBotApplication {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentBotApplication.class);

    /**
     * Starts the bot.
     *
     * @param args Spring Boot's arguments, e.g. {@code --server.port=8080}
     */
    public static void main(String[] args) {
        SpringApplication.run(IncidentBotApplication.class, args);
    }

    /**
     * While Slack is not set up: a chat platform that writes what the bot would post to the log. Once the
     * Slack settings are there, this bean is not made and the starter's Slack gateway takes its place.
     *
     * @return the log-only chat platform
     */
    @Bean
    @ConditionalOnExpression("'${incidentkit.slack.bot-token:}'.isBlank() or '${incidentkit.slack.signing-secret:}'.isBlank()")
    ChatGateway logOnlyChat() {
        LOG.warn("Slack is not set up (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): the bot writes what it would post to the log");
        return new LogOnlyChat();
    }

    /** Writes to the log what a chat platform would be asked to do. */
    static final class LogOnlyChat implements ChatGateway {
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public Channel createChannel(String name, IdempotencyKey idempotencyKey) {
            Channel channel = new Channel("LOG" + ids.incrementAndGet(), name);
            LOG.info("chat: created #{} ({})", name, channel.id());
            return channel;
        }

        @Override
        public void invite(String channelId, List<PersonRef> people) {
            LOG.info("chat: invited {} to {}", people.stream().map(PersonRef::name).toList(), channelId);
        }

        @Override
        public void setTopic(String channelId, String topic) {
            LOG.info("chat: topic of {}: {}", channelId, topic);
        }

        @Override
        public MessageRef post(String channelId, ChatMessage message, IdempotencyKey idempotencyKey) {
            LOG.info("chat: posted to {}: {}", channelId, message.text());
            return new MessageRef(channelId, "M" + ids.incrementAndGet());
        }

        @Override
        public void update(MessageRef message, ChatMessage content) {
            LOG.info("chat: updated {} in {}: {}", message.id(), message.channelId(), content.text());
        }

        @Override
        public void pin(MessageRef message) {
            LOG.info("chat: pinned {} in {}", message.id(), message.channelId());
        }

        @Override
        public void bookmark(String channelId, String title, String url) {
            LOG.info("chat: bookmarked {} in {}: {}", url, channelId, title);
        }

        @Override
        public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
            LOG.info("chat: to {} only, in {}: {}", person.name(), channelId, message.text());
        }
    }
}
