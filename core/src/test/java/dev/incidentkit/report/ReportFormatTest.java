package dev.incidentkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ReportFormatTest {

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(ReportFormat.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(ReportFormat.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ReportFormat.duration(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(ReportFormat.duration(Duration.ofSeconds(119))).isEqualTo("1m");
        assertThat(ReportFormat.duration(Duration.ofMinutes(85))).isEqualTo("1h 25m");
        assertThat(ReportFormat.duration(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(ReportFormat.duration(Duration.ofDays(2).plusMinutes(5))).isEqualTo("2d 5m");
        assertThat(ReportFormat.duration(Duration.ofDays(1).plusHours(3).plusMinutes(7))).isEqualTo("1d 3h 7m");
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> ReportFormat.duration(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1M");
    }

    @Test
    void timesAreUtcToTheMinute() {
        Instant t = Instant.parse("2026-11-24T14:02:59Z");
        assertThat(ReportFormat.time(t)).isEqualTo("2026-11-24 14:02 UTC");
        assertThat(ReportFormat.timeWithoutZone(t)).isEqualTo("2026-11-24 14:02");
    }
}
