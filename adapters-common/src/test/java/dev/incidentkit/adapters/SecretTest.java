package dev.incidentkit.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        Secret s = Secret.of("xoxb-very-secret");
        assertThat(s.toString()).isEqualTo("Secret[redacted]").doesNotContain("xoxb");
        assertThat(String.valueOf(s)).doesNotContain("very-secret");
    }

    @Test
    void revealIsTheOnlyWayIn() {
        assertThat(Secret.of("abc").reveal()).isEqualTo("abc");
        assertThat(Secret.of("abc").revealBytes()).containsExactly('a', 'b', 'c');
    }

    @Test
    void equalityComparesValues() {
        assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
        assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    }

    @Test
    void blankIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> Secret.of("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a secret is not blank");
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }
}
