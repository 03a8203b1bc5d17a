package dev.incidentkit.benchmarks;

import dev.incidentkit.jdbc.JdbcIncidentStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A PostgreSQL store in a schema of its own, dropped on {@link #close()}: {@code $INCIDENTKIT_BENCH_PG_URL},
 * else the local server ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), through a pool.
 */
final class Postgres implements AutoCloseable {
    static final String URL = System.getenv().getOrDefault("INCIDENTKIT_BENCH_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "ik_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    private final JdbcConnectionPool pool;
    final JdbcIncidentStore store;

    Postgres() {
        execute("CREATE SCHEMA " + schema);
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setURL(URL);
        ds.setCurrentSchema(schema);
        pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(8);
        store = JdbcIncidentStore.builder(pool).build();
    }

    @Override
    public void close() {
        pool.dispose();
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            int q = URL.indexOf('?');
            throw new IllegalStateException("could not run `" + sql + "` on " + (q < 0 ? URL : URL.substring(0, q))
                    + " (is PostgreSQL running? set INCIDENTKIT_BENCH_PG_URL, or leave the JDBC benchmarks out"
                    + " with -e Jdbc): " + e.getMessage(), e);
        }
    }
}
