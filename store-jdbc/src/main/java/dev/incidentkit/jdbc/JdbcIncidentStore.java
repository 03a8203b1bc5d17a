package dev.incidentkit.jdbc;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.FollowUpClosed;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentJson;
import dev.incidentkit.jdbc.internal.Schema;
import dev.incidentkit.jdbc.internal.Sql;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.DeliveryLog;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PendingEffect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IncidentStore} on plain JDBC, for PostgreSQL (one bot or several replicas sharing the
 * database) and H2 in file mode (a single embedded bot).
 *
 * <pre>{@code
 * JdbcIncidentStore store = JdbcIncidentStore.builder(dataSource)   // a pool such as HikariCP, from the host
 *     .build();                                                      // dialect detected; schema created if absent
 * }</pre>
 *
 * <p><b>What it keeps.</b> Each event is one row of {@code incidentkit_event}: the incident id, its
 * sequence number (unique per incident), its type name, the JSON schema version and the event as
 * {@link IncidentJson} writes it. Each effect is a row of {@code incidentkit_effect}, written as JSON in
 * the same transaction as the events that caused it. {@code incidentkit_incident} holds each incident's
 * version, against which appends are checked under a row lock; a stale expected version fails with
 * {@link ConcurrencyConflictException} and writes nothing. The schema scripts of each {@link Dialect}
 * ship in the jar ({@link Dialect#schemaScripts()}) and are applied on {@link Builder#build()} unless
 * {@link Builder#createSchema(boolean) createSchema(false)}.
 *
 * <p><b>Several replicas.</b> {@link #claimDue} claims the due heads of the outbox's lanes with a lease
 * and a fresh token ({@code claim_token}): on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, on H2 with a
 * compare-and-set on the claim columns. Claiming sets {@code may_have_run}, and the claim reports the value
 * it had before. {@link #renew} and {@link #complete} present the token and write nothing unless it is
 * still the effect's and its lease has not run out; {@code complete} writes the outcome's events and the
 * effect's new state in one transaction. A replica that dies mid-delivery holds its claims until the
 * lease runs out, or until it restarts under the same name and {@link #release releases} them; then
 * another claimant delivers the effect, with the same idempotency key, told that the dead one may have
 * reached the vendor. Leases are compared with the claimants' clocks, so keep replicas' clocks in sync
 * (NTP) and the lease well above their skew.
 *
 * <p><b>H2</b> by default writes commits to its file up to half a second late, so a bot killed at the
 * wrong moment would forget what it had already answered. {@code WRITE_DELAY 0} makes each commit reach
 * the file before it returns, but H2 2.x does not keep it: each time it opens the database it applies
 * the URL's {@code WRITE_DELAY}, 500 ms if the URL has none, for example after the last pooled
 * connection closed. Put {@code ;WRITE_DELAY=0} in the URL; {@link Builder#build()} also sets it on the
 * open database, which lasts until it is reopened. A killed process then loses no answered command; a power
 * loss may still lose the last second (H2 does not sync the file on each commit; PostgreSQL does).
 *
 * <p><b>Times</b> are stored to the microsecond (what PostgreSQL keeps); the events themselves keep
 * their full precision in their JSON.
 *
 * <p>Thread-safe: every call borrows a connection from the data source and returns it before it ends.
 *
 * @since 0.1
 */
public final class JdbcIncidentStore implements IncidentStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcIncidentStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** H2: another transaction changed the row first. */
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String prefix;
    private final Sql sql;
    /**
     * On H2, one transactional write at a time. H2's MVStore can let a transaction that read an incident
     * before another committed write it back on rollback (seen: 11 events committed over version 10 under
     * four racing writers), and H2 in file mode serves one process, so serialising its writers in the store
     * costs nothing that matters and rules that out. Null on PostgreSQL, whose row locks are enough.
     */
    private final java.util.concurrent.locks.@Nullable ReentrantLock h2Writes;

    private JdbcIncidentStore(DataSource dataSource, Dialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.sql = Sql.of(dialect);
        this.h2Writes = dialect == Dialect.H2 ? new java.util.concurrent.locks.ReentrantLock() : null;
    }

    /**
     * Starts a builder.
     *
     * @param dataSource where connections come from; the store borrows one per call and never closes the
     *     data source
     * @return a new builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Returns the dialect this store speaks.
     *
     * @return the dialect, set or detected
     */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public IncidentId nextId() {
        return withConnection("allocate an incident id", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.nextNumber); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return IncidentId.of(prefix, rs.getLong(1));
            }
        });
    }

    @Override
    public void append(IncidentId id, long expectedVersion, List<IncidentEvent> events, List<Effect> effects) {
        requireNonNull(id, "id");
        List<IncidentEvent> batch = List.copyOf(events);
        List<Effect> outbox = List.copyOf(effects);
        IncidentStore.checkAppend(id, expectedVersion, batch);
        long newVersion = expectedVersion + batch.size();
        boolean ends = batch.stream().anyMatch(e -> e instanceof Closed || e instanceof Cancelled);
        IncidentEvent last = batch.get(batch.size() - 1);
        inTransaction("append to " + id, id, expectedVersion, c -> {
            appendIn(c, id, expectedVersion, newVersion, ends, batch, outbox, last);
            return true;
        });
    }

    /** Appends an outcome's events and effects in the caller's transaction. */
    private void appendIn(Connection c, IncidentId id, long expectedVersion, List<IncidentEvent> events, List<Effect> effects)
            throws SQLException {
        IncidentStore.checkAppend(id, expectedVersion, events);
        boolean ends = events.stream().anyMatch(e -> e instanceof Closed || e instanceof Cancelled);
        appendIn(c, id, expectedVersion, expectedVersion + events.size(), ends, events, effects, events.get(events.size() - 1));
    }

    /**
     * Runs work in one transaction and commits it if the work returns true, else rolls back. A unique
     * violation or H2's concurrent update on the incident is a {@link ConcurrencyConflictException}.
     */
    private boolean inTransaction(String what, IncidentId id, long expectedVersion, SqlWork<Boolean> work) {
        if (h2Writes != null) {
            h2Writes.lock();
        }
        try {
            return transaction(what, id, expectedVersion, work);
        } finally {
            if (h2Writes != null) {
                h2Writes.unlock();
            }
        }
    }

    private boolean transaction(String what, IncidentId id, long expectedVersion, SqlWork<Boolean> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!work.run(c)) {
                    c.rollback();
                    return false;
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && isConflict(s)) {
                    throw new ConcurrencyConflictException(id, expectedVersion, currentVersion(c, id));
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void appendIn(Connection c, IncidentId id, long expectedVersion, long newVersion, boolean ends,
                          List<IncidentEvent> batch, List<Effect> outbox, IncidentEvent last) throws SQLException {
        Long version = null;
        boolean open = true;
        try (PreparedStatement ps = c.prepareStatement(sql.lockIncident)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getLong(1);
                    open = rs.getBoolean(2);
                }
            }
        }
        boolean closes = batch.stream().anyMatch(Closed.class::isInstance);
        int followUps = (int) (batch.stream().filter(FollowUpAdded.class::isInstance).count()
                - batch.stream().filter(FollowUpClosed.class::isInstance).count());
        long actual = version == null ? 0 : version;
        if (actual != expectedVersion) {
            throw new ConcurrencyConflictException(id, expectedVersion, actual);
        }
        if (version == null) {
            try (PreparedStatement ps = c.prepareStatement(sql.insertIncident)) {
                ps.setString(1, id.value());
                ps.setLong(2, newVersion);
                ps.setBoolean(3, !ends);
                ps.setBoolean(4, closes);
                ps.setInt(5, followUps);
                ps.executeUpdate(); // a racing first append fails here on the primary key: a conflict
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(sql.updateIncident)) {
                ps.setLong(1, newVersion);
                ps.setBoolean(2, open && !ends);
                ps.setBoolean(3, closes);
                ps.setInt(4, followUps);
                ps.setString(5, id.value());
                ps.setLong(6, expectedVersion);
                if (ps.executeUpdate() != 1) {
                    throw new ConcurrencyConflictException(id, expectedVersion, currentVersion(c, id));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.insertEvent)) {
            for (IncidentEvent e : batch) {
                ps.setString(1, id.value());
                ps.setLong(2, e.seq());
                ps.setString(3, IncidentJson.typeName(e.getClass()));
                ps.setInt(4, IncidentJson.SCHEMA);
                ps.setObject(5, timestamp(e.at()));
                ps.setString(6, IncidentJson.write(e));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!outbox.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(sql.insertEffect)) {
                for (Effect effect : outbox) {
                    ps.setString(1, id.value());
                    ps.setLong(2, last.seq());
                    ps.setString(3, requireNonNull(effect, "effect").port().name());
                    ps.setString(4, IncidentJson.effectTypeName(effect.getClass()));
                    ps.setString(5, effect.key());
                    ps.setInt(6, IncidentJson.SCHEMA);
                    ps.setString(7, IncidentJson.writeEffect(effect));
                    ps.setObject(8, timestamp(last.at()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private boolean isConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (UNIQUE_VIOLATION.equals(s.getSQLState())
                    || (dialect == Dialect.H2 && s.getErrorCode() == H2_CONCURRENT_UPDATE))) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null && b.getNextException() != t) {
                if (isConflict(b.getNextException())) {
                    return true;
                }
            }
        }
        return false;
    }

    private long currentVersion(Connection c, IncidentId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.currentVersion)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    @Override
    public List<IncidentEvent> load(IncidentId id) {
        return loadAfter(id, 0);
    }

    @Override
    public List<IncidentEvent> loadAfter(IncidentId id, long version) {
        requireNonNull(id, "id");
        if (version < 0) {
            throw new IllegalArgumentException("version is 0 or more; got " + version);
        }
        return withConnection("load " + id, c -> {
            List<IncidentEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.loadEventsAfter)) {
                ps.setString(1, id.value());
                ps.setLong(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checkSchema(rs.getInt(2), "event " + id + "#" + rs.getLong(1));
                        events.add(IncidentJson.read(rs.getString(3)));
                    }
                }
            }
            return List.copyOf(events);
        });
    }

    @Override
    public List<IncidentId> openIncidents() {
        return incidentIds("list open incidents", sql.openIncidents, ps -> { });
    }

    @Override
    public void planReminders(IncidentId id, Optional<Instant> at) {
        requireNonNull(id, "id");
        requireNonNull(at, "at");
        withConnection("plan the reminders of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.planReminders)) {
                ps.setObject(1, at.map(JdbcIncidentStore::timestamp).orElse(null), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(2, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<List<IncidentId>> remindersDueBy(Instant now) {
        OffsetDateTime at = timestamp(requireNonNull(now, "now"));
        return Optional.of(incidentIds("list incidents with reminders due", sql.remindersDue, ps -> ps.setObject(1, at)));
    }

    @Override
    public List<IncidentId> closedWithOpenFollowUps() {
        return incidentIds("list closed incidents with open follow-ups", sql.closedWithFollowUps, ps -> { });
    }

    /** Runs a query whose first column is an incident id. */
    private List<IncidentId> incidentIds(String what, String query, Binder binder) {
        return withConnection(what, c -> {
            List<IncidentId> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(query)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String value = rs.getString(1);
                        ids.add(IncidentId.parse(value).orElseThrow(() -> new JdbcStoreException(
                                "incidentkit_incident holds " + value + ", which is not an incident id")));
                    }
                }
            }
            return List.copyOf(ids);
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @Override
    public List<PendingEffect> pendingEffects() {
        return withConnection("list waiting effects", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.pendingEffects); ResultSet rs = ps.executeQuery()) {
                return pending(rs);
            }
        });
    }

    @Override
    public List<PendingEffect> parkedEffects() {
        return withConnection("list parked effects", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.parkedEffects); ResultSet rs = ps.executeQuery()) {
                return pending(rs);
            }
        });
    }

    @Override
    public List<Claim> claimDue(String owner, Instant now, Duration lease, int limit) {
        IncidentStore.checkClaim(owner, now, lease, limit);
        OffsetDateTime at = timestamp(now);
        OffsetDateTime until = timestamp(now.plus(lease));
        String tokens = UUID.randomUUID() + "/"; // with each effect's id: a token no claim had before
        return withConnection("claim due effects", c -> dialect == Dialect.POSTGRESQL
                ? claimSkippingLocked(c, owner, at, until, limit, tokens)
                : claimByCompareAndSet(c, owner, at, until, limit, tokens));
    }

    private List<Claim> claimSkippingLocked(Connection c, String owner, OffsetDateTime now, OffsetDateTime until, int limit,
                                            String tokens) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.claimReturning)) {
            ps.setString(1, owner);
            ps.setObject(2, until);
            ps.setString(3, tokens);
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.setInt(6, limit);
            List<Claim> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claim(pendingAt(rs), rs.getString(8), rs.getBoolean(7)));
                }
            }
            claimed.sort(Comparator.comparingLong(Claim::effectId));
            return List.copyOf(claimed);
        }
    }

    private List<Claim> claimByCompareAndSet(Connection c, String owner, OffsetDateTime now, OffsetDateTime until, int limit,
                                             String tokens) throws SQLException {
        record Candidate(long id, @Nullable String token, boolean mayHaveRun) {}
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.claimCandidates)) {
            ps.setObject(1, now);
            ps.setObject(2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        Map<Long, Candidate> won = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.claimOne)) {
            for (Candidate candidate : candidates) {
                String token = tokens + candidate.id();
                ps.setString(1, owner);
                ps.setObject(2, until);
                ps.setString(3, token);
                ps.setLong(4, candidate.id());
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.setString(7, candidate.token());
                ps.setBoolean(8, candidate.mayHaveRun());
                if (ps.executeUpdate() == 1) { // the row lock makes a racing claimer re-check and miss
                    won.put(candidate.id(), new Candidate(candidate.id(), token, candidate.mayHaveRun()));
                }
            }
        }
        if (won.isEmpty()) {
            return List.of();
        }
        List<Claim> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.effectsById(won.size()))) {
            int i = 0;
            for (long id : won.keySet()) {
                ps.setLong(++i, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PendingEffect p = pendingAt(rs);
                    Candidate w = won.get(p.id());
                    claimed.add(new Claim(p, requireNonNull(w.token()), w.mayHaveRun()));
                }
            }
        }
        return List.copyOf(claimed);
    }

    private List<PendingEffect> pending(ResultSet rs) throws SQLException {
        List<PendingEffect> out = new ArrayList<>();
        while (rs.next()) {
            out.add(pendingAt(rs));
        }
        return List.copyOf(out);
    }

    /** The effect in the result set's current row: id, incident, schema version, body, attempts, not before. */
    private static PendingEffect pendingAt(ResultSet rs) throws SQLException {
        long effectId = rs.getLong(1);
        String incident = rs.getString(2);
        checkSchema(rs.getInt(3), "effect " + effectId);
        return new PendingEffect(effectId,
                IncidentId.parse(incident).orElseThrow(() -> new JdbcStoreException(
                        "incidentkit_effect " + effectId + " names " + incident + ", which is not an incident id")),
                IncidentJson.readEffect(rs.getString(4)), rs.getInt(5),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    @Override
    public boolean renew(Claim claim, Instant now, Duration lease) {
        requireNonNull(claim, "claim");
        OffsetDateTime until = timestamp(requireNonNull(now, "now").plus(requireNonNull(lease, "lease")));
        return withConnection("renew the claim on effect " + claim.effectId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.renew)) {
                ps.setObject(1, until);
                fence(ps, 2, claim, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean complete(Claim claim, Instant now, Completion completion) {
        requireNonNull(claim, "claim");
        requireNonNull(now, "now");
        requireNonNull(completion, "completion");
        Completion.Outcome outcome = completion.outcome();
        IncidentId id = claim.pending().incident();
        return inTransaction("complete effect " + claim.effectId(), id, outcome.expectedVersion(), c -> {
            int changed;
            if (completion instanceof Completion.RetryLater r) {
                try (PreparedStatement ps = c.prepareStatement(sql.retryLater)) {
                    ps.setInt(1, r.attemptSpent() ? 1 : 0);
                    ps.setObject(2, timestamp(r.notBefore()));
                    ps.setBoolean(3, r.mayHaveRun());
                    fence(ps, 4, claim, now);
                    changed = ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(completion instanceof Completion.Delivered ? sql.delivered : sql.park)) {
                    fence(ps, 1, claim, now);
                    changed = ps.executeUpdate();
                }
            }
            if (changed != 1) {
                return false; // expired or foreign: the outcome is dropped, whoever holds the effect delivers it
            }
            if (!outcome.events().isEmpty()) {
                appendIn(c, id, outcome.expectedVersion(), outcome.events(), outcome.effects());
            }
            return true;
        });
    }

    /** Binds the fence of a completion or renewal: the effect, the claim's token, and the lease still running. */
    private static void fence(PreparedStatement ps, int from, Claim claim, Instant now) throws SQLException {
        ps.setLong(from, claim.effectId());
        ps.setString(from + 1, claim.token());
        ps.setObject(from + 2, timestamp(now));
    }

    @Override
    public boolean firstSeen(String source, String id, Instant now, Duration keepFor) {
        DeliveryLog.check(source, id, now, keepFor);
        OffsetDateTime at = timestamp(now);
        return withConnection("record inbound delivery " + source, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.forgetDeliveries)) {
                ps.setObject(1, at);
                ps.setString(2, source);
                ps.setString(3, id);
                ps.setObject(4, at.minusHours(1));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(sql.rememberDelivery)) {
                ps.setString(1, source);
                ps.setString(2, id);
                ps.setObject(3, timestamp(now.plus(keepFor)));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // seen, by this replica or another
                }
                throw e;
            }
        });
    }

    @Override
    public int release(String owner) {
        requireNonNull(owner, "owner");
        return withConnection("release the claims of " + owner, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.release)) {
                ps.setString(1, owner);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Effect> requeueFailedEffects(IncidentId id, Instant now, Predicate<Effect> superseded) {
        requireNonNull(id, "id");
        requireNonNull(superseded, "superseded");
        OffsetDateTime at = timestamp(requireNonNull(now, "now"));
        List<Effect> requeued = new ArrayList<>();
        inTransaction("requeue the parked effects of " + id, id, 0, c -> {
            requeued.clear();
            Map<Long, Effect> parked = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.parkedOf)) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checkSchema(rs.getInt(2), "effect " + rs.getLong(1));
                        parked.put(rs.getLong(1), IncidentJson.readEffect(rs.getString(3)));
                    }
                }
            }
            try (PreparedStatement requeue = c.prepareStatement(sql.requeue);
                 PreparedStatement supersede = c.prepareStatement(sql.supersede)) {
                for (Map.Entry<Long, Effect> p : parked.entrySet()) {
                    if (superseded.test(p.getValue())) {
                        supersede.setLong(1, p.getKey());
                        supersede.executeUpdate();
                    } else {
                        requeue.setObject(1, at);
                        requeue.setLong(2, p.getKey());
                        requeue.executeUpdate();
                        requeued.add(p.getValue());
                    }
                }
            }
            return true;
        });
        return List.copyOf(requeued);
    }

    @Override
    public String toString() {
        return "JdbcIncidentStore[" + dialect + ", prefix " + prefix + "]";
    }

    private static void checkSchema(int version, String what) {
        if (version > IncidentJson.SCHEMA) {
            throw new JdbcStoreException(what + " was written with JSON schema " + version + " by a later release;"
                    + " this release reads schema " + IncidentJson.SCHEMA + " and earlier: upgrade incidentkit");
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * The database's failure as our own, without its message: drivers put statements and their parameters
     * (people's text) there, and those must reach no log. The SQLState and the vendor's error code say
     * what went wrong; the original exception is not kept.
     */
    private static JdbcStoreException failure(String what, SQLException e) {
        String code = "SQLState " + e.getSQLState() + ", " + e.getClass().getSimpleName() + " error " + e.getErrorCode();
        LOG.debug("incidentkit store could not {}: {}", what, code);
        return new JdbcStoreException("could not " + what + " (" + code + ")");
    }

    /**
     * Builds a {@link JdbcIncidentStore}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable Dialect dialect;
        private String prefix = IncidentId.DEFAULT_PREFIX;
        private boolean createSchema = true;
        private final java.util.Map<String, Object> set = new java.util.HashMap<>();

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        private <T> T once(String name, T value) {
            requireNonNull(value, name);
            Object earlier = set.putIfAbsent(name, value);
            if (earlier != null) {
                throw new IllegalStateException(name + " was already set to " + earlier);
            }
            return value;
        }

        /**
         * Sets the dialect (default: detected from the database's product name on {@link #build()}).
         *
         * @param dialect the dialect
         * @return this builder
         * @throws IllegalStateException if the dialect was already set
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = once("dialect", dialect);
            return this;
        }

        /**
         * Sets the prefix of the incident ids this store allocates (default {@code INC}).
         *
         * @param prefix two to ten letters, e.g. {@code OPS}
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not two to ten letters
         * @throws IllegalStateException if the prefix was already set
         */
        public Builder idPrefix(String prefix) {
            this.prefix = IncidentId.of(once("idPrefix", prefix), 1).prefix();
            return this;
        }

        /**
         * Sets whether {@link #build()} applies the shipped schema scripts (default true: version 1, whose
         * statements are idempotent, so an existing schema is left alone, then each later version the
         * database has not recorded). Set false
         * when your own migration tool applies {@link Dialect#schemaScripts()}; {@code build()} then only
         * checks that the schema is there.
         *
         * @param create whether to create the schema
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder createSchema(boolean create) {
            this.createSchema = once("createSchema", create);
            return this;
        }

        /**
         * Connects once: detects the dialect if none was set, applies the schema if asked, and checks
         * that the database holds a schema this release can use.
         *
         * @return the store
         * @throws JdbcStoreException if the database cannot be reached, is not supported, or its schema is
         *     missing or newer than this release
         */
        public JdbcIncidentStore build() {
            try (Connection c = dataSource.getConnection()) {
                Dialect d = dialect;
                if (d == null) {
                    DatabaseMetaData meta = c.getMetaData();
                    String product = meta.getDatabaseProductName();
                    d = Dialect.forProductName(product).orElseThrow(() -> new JdbcStoreException(
                            "incidentkit's JDBC store supports PostgreSQL and H2, not " + product
                                    + "; use one of those, or implement IncidentStore for your database"));
                }
                if (d == Dialect.H2) {
                    Schema.makeH2CommitsDurable(c);
                }
                if (createSchema) {
                    Schema.apply(c, d);
                }
                Schema.check(c, d);
                return new JdbcIncidentStore(dataSource, d, prefix);
            } catch (SQLException e) {
                throw new JdbcStoreException("could not open the incidentkit store: " + e.getMessage(), e);
            }
        }
    }
}
