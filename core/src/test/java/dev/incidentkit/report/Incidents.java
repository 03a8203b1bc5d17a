package dev.incidentkit.report;

import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;

/** The representative incidents the report tests share, each played through chat commands. */
final class Incidents {
    static final PersonRef ALICE = new PersonRef("U01ALICE", "Alice Liddell");
    static final PersonRef BOB = PersonRef.of("bob");
    static final PersonRef CAROL = PersonRef.of("carol");
    static final PersonRef DAVE = new PersonRef("U04DAVE", "Dave Ops");
    static final PersonRef EVE = PersonRef.of("eve");
    static final PersonRef FRANK = PersonRef.of("frank");
    static final PersonRef GRACE = new PersonRef("U07GRACE", "Grace Hopper");
    static final PersonRef HENRY = PersonRef.of("henry");
    static final PersonRef BOT = PersonRef.BOT;

    private Incidents() {}

    /** A short SEV3, well recorded: every milestone, two public updates, one follow-up, closed. */
    static Incident shortSev3() {
        return IncidentScript.of(IncidentId.of(17), "2026-11-24")
                .at("09:12").as(ALICE).run("declare sev3 Search results load slowly")
                .event((seq, at) -> new ChannelBound(seq, at, BOT, "C017", "inc-17-search-results-load-slowly"))
                .at("09:13").run("impact started 09:02", "detected 09:08")
                .at("09:15").run("assign comms @bob")
                .at("09:16").as(BOB).run("update investigating: Search is slower than usual. We are looking into it.")
                .event((seq, at) -> new LinkAdded(seq, at, BOT, LinkKind.STATUS_PAGE,
                        "https://status.example.com/incidents/7f3k", "Search results load slowly", "7f3k"))
                .at("09:21").as(ALICE).run("note slow query from the new ranking job; pausing the job")
                .at("09:22").run("status identified")
                .at("09:24").run("mitigated")
                .at("09:30").as(BOB).run("update monitoring: A fix is in place and search is back to normal speed."
                        + " We are watching it.")
                .at("09:45").as(ALICE).run("followup Add a query timeout to the ranking job")
                .at("09:46").run("resolve")
                .at("10:30").run("close")
                .incident();
    }

    /** A long SEV1: raised from SEV2, a page and its ack, three public updates, two IMOC hand-offs. */
    static Incident longSev1() {
        return IncidentScript.of(IncidentId.of(42), "2026-11-24")
                .at("14:05").as(ALICE).run("declare sev2 Checkout is failing for some card payments")
                .event((seq, at) -> new ChannelBound(seq, at, BOT, "C042", "inc-42-checkout-is-failing"))
                .event((seq, at) -> new Paged(seq, at, BOT, DAVE, "declared SEV2; tech lead on call"))
                .at("14:06").run("impact started 13:48", "detected 13:57")
                .at("14:10").as(DAVE).run("ack")
                .at("14:11").as(ALICE).run("assign tech <@U04DAVE|Dave Ops>")
                .at("14:14").run("sev 1")
                .at("14:15").run("update investigating: Some card payments at checkout are failing. We are investigating.")
                .event((seq, at) -> new LinkAdded(seq, at, BOT, LinkKind.STATUS_PAGE,
                        "https://status.example.com/incidents/01hx", "Checkout is failing", "01hx"))
                .at("14:40").as(DAVE).run("note 5xx from the payment client since deploy 4812 | rolling back 4812")
                .at("14:52").as(ALICE).run("status identified")
                .at("14:55").run("update identified: We found the cause: a faulty release. We are rolling it back.")
                .at("15:20").as(DAVE).run("mitigated 15:18")
                .at("15:25").as(ALICE).run("update monitoring: Payments are succeeding again.\nWe are watching closely.")
                .at("16:10").run("note two hours in; handing off to Bob")
                .at("16:12").run("assign imoc @bob")
                .at("18:40").as(BOB).run("note error rate at baseline for over three hours")
                .at("20:15").run("assign imoc @carol")
                .at("20:20").as(CAROL).run("followup Add a canary stage for payment client releases",
                        "followup Alert when the card payment error rate is above 2% for 5 minutes")
                .at("22:40").run("update resolved: This incident is resolved. Card payments have worked normally"
                        + " since 15:18 UTC.")
                .on("2026-11-26").at("10:00").run("close")
                .incident();
    }

    /** A false alarm, cancelled a few minutes after it was declared. */
    static Incident cancelled() {
        return IncidentScript.of(IncidentId.of(43), "2026-11-25")
                .at("03:10").as(EVE).run("declare sev2 Login errors spiking")
                .event((seq, at) -> new Paged(seq, at, BOT, FRANK, "declared SEV2"))
                .at("03:14").as(FRANK).run("ack")
                .at("03:16").run("note the spike is the nightly load test using staging credentials; no customers affected")
                .at("03:18").as(EVE).run("cancel load test pointed at the wrong environment")
                .incident();
    }

    /** A drill: a late first update, three reminders that had to fire, one hand-off. */
    static Incident drill() {
        return IncidentScript.of(IncidentId.of(44), "2026-11-26")
                .at("10:00").as(GRACE).run("declare --drill sev2 Orders database is read-only")
                .event((seq, at) -> new Paged(seq, at, BOT, HENRY, "drill SEV2"))
                .at("10:05").event((seq, at) -> new ReminderFired(seq, at, BOT, "page-ack:henry", at,
                        "Henry has not acknowledged the page; paging again"))
                .at("10:07").as(HENRY).run("ack")
                .at("10:15").event((seq, at) -> new ReminderFired(seq, at, BOT, "status-update:1", at,
                        "No public update yet: post one with `update <message>`"))
                .at("10:19").as(GRACE).run("update investigating: We are investigating errors when placing orders.")
                .at("10:31").run("status identified", "mitigated")
                .at("10:49").event((seq, at) -> new ReminderFired(seq, at, BOT, "status-update:2", at,
                        "The last update is 30m old: post the next one"))
                .at("10:52").run("update monitoring: Orders are being placed normally again. We are monitoring.")
                .at("11:05").run("assign imoc @henry")
                .at("11:10").as(HENRY).run("resolve")
                .at("11:12").run("close")
                .incident();
    }
}
