package dev.incidentkit.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesAreRejectedNamingTheRuleAndValue() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0)).hasMessage("maxAttempts is at least 1; got 0");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0, Duration.ZERO))
                .hasMessage("multiplier is at least 1; got 0.5");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.5, Duration.ZERO))
                .hasMessage("jitter is between 0 and 1; got 1.5");
    }
}
