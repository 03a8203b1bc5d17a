package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TeamsDirectory} on a fake Graph's users. */
final class TeamsDirectoryTest {
    private static final String ALICE = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final TeamsChatGateway chat = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.none()).build();
    private final TeamsDirectory directory = chat.directory();

    @AfterEach
    void stop() {
        try {
            FakeTeams.checkAll(teams.server.requests());
        } finally {
            chat.close();
            teams.close();
        }
    }

    @Test
    void findsAPersonByEntraIdWithTheirHandles() {
        teams.addUser(ALICE, "Alice Liddell", "Alice.Liddell@contoso.com", "aliddell@contoso.com");
        Person alice = directory.find(new PersonRef(ALICE, "Alice")).orElseThrow();
        assertThat(alice.id()).isEqualTo(ALICE);
        assertThat(alice.displayName()).isEqualTo("Alice Liddell");
        assertThat(alice.handle("email")).contains("Alice.Liddell@contoso.com");
        assertThat(alice.handle("upn")).contains("aliddell@contoso.com");
        assertThat(alice.handle("teams")).contains(ALICE);
    }

    @Test
    void findsByMailThenByPrincipalName() {
        teams.addUser(ALICE, "Alice Liddell", "Alice.Liddell@contoso.com", "aliddell@contoso.com");
        assertThat(directory.findByEmail("alice.liddell@contoso.com")).map(Person::id).contains(ALICE);
        assertThat(directory.findByEmail(" aliddell@contoso.com ")).map(Person::id).contains(ALICE);
        assertThat(directory.findByEmail("o'brien@contoso.com")).isEmpty();
        assertThat(teams.server.requests("GET", "/v1.0/users").get(0).query().get("$filter"))
                .isEqualTo("mail eq 'alice.liddell@contoso.com'");
    }

    @Test
    void unknownPeopleAndIdsOfOtherToolsFindNobody() {
        assertThat(directory.find(new PersonRef("1b0b0000-1111-4222-8333-444455556666", "Bob"))).isEmpty();
        assertThat(directory.find(PersonRef.of("U024BE7LH"))).isEmpty();
        assertThat(directory.findByEmail("not an address")).isEmpty();
        assertThat(teams.server.requests().stream().filter(r -> r.path().startsWith("/v1.0/users/U0"))).isEmpty();
    }
}
