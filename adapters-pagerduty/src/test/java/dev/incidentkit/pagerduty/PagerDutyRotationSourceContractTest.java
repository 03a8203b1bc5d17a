package dev.incidentkit.pagerduty;

import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.RotationSourceContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

final class PagerDutyRotationSourceContractTest extends RotationSourceContract {
    private final FakePagerDuty pd = new FakePagerDuty();
    private final PagerDutyRotationSource source = PagerDutyRotationSource.builder(pd.configBuilder()
                    .scheduleId(FakePagerDuty.SCHEDULE).requestTimeout(Duration.ofSeconds(3)).build())
            .clock(TestClock.at("2026-11-24T00:00:00Z")).retryPolicy(PagerDutyPagerTest.FAST).build();

    @Override
    protected RotationSource rotationSource() {
        pd.serveOncalls(pd.week(), 2);
        return source;
    }

    @Override
    protected Schedule schedule() {
        return new Schedule(Instant.parse("2026-11-24T14:00:00Z"), "PALICE1", "PCAROL1",
                List.of("PBOB001", "PALICE1", "PCAROL1", "PDAVE01")).withNobodyOnCallAt(Instant.parse("2026-11-23T14:00:00Z"));
    }

    @Override
    protected VendorFaults faults() {
        return pd.faults();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakePagerDuty.TOKEN, FakePagerDuty.ROUTING_KEY, FakePagerDuty.WEBHOOK_SECRET);
    }

    @Override
    protected void close() {
        try {
            if (!pd.server.requests().isEmpty()) { // the toString case calls nobody
                pd.checkAll();
            }
        } finally {
            source.close();
            pd.close();
        }
    }
}
