package dev.incidentkit.testkit;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.testkit.contract.PagerContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import dev.incidentkit.testkit.fakes.RecordingPager;
import java.util.List;
import java.util.Set;

/** The fake users test against keeps the contract real pagers keep. */
final class RecordingPagerContractTest extends PagerContract {
    private final RecordingPager fake = new RecordingPager();

    @Override
    protected Pager pager() {
        return fake;
    }

    @Override
    protected VendorFaults faults() {
        return fake.faults();
    }

    @Override
    protected int pagesAtVendor() {
        return fake.pages().size();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected int openPagesAtVendor() {
        return (int) fake.pages().stream().filter(p -> fake.calls("resolve").stream().noneMatch(r ->
                r.arg(0).equals(p.incident()) && ((List<PersonRef>) r.arg(1)).contains(p.target()))).count();
    }

    @Override
    protected List<PersonRef> people() {
        return List.of(PersonRef.of("alice"), PersonRef.of("bob"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }
}
