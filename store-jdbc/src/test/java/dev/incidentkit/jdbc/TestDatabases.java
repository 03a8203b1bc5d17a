package dev.incidentkit.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The databases the tests run on. PostgreSQL is {@code $INCIDENTKIT_TEST_PG_URL} (default: the local server,
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); each test gets a schema of its own, dropped
 * afterwards. H2 runs in file mode in a temporary directory.
 */
final class TestDatabases {
    static final String PG_URL = System.getenv().getOrDefault("INCIDENTKIT_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {}

    /** A fresh, empty PostgreSQL schema; {@link #dropPostgres} removes it. */
    static String newPostgresSchema() {
        String schema = "ik_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(PG_URL, "CREATE SCHEMA " + schema);
        return schema;
    }

    /**
     * A pool of connections that work in the given schema, as a host would hand the store (H2's small
     * pool over the PostgreSQL driver's pooled data source). Dispose of it before dropping the schema.
     */
    static JdbcConnectionPool postgres(String schema) {
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setURL(PG_URL);
        ds.setCurrentSchema(schema);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(16);
        return pool;
    }

    static void dropPostgres(String schema) {
        execute(PG_URL, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The URL of a fresh PostgreSQL schema, for a process of its own. */
    static String postgresUrl(String schema) {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A small pool on any URL these tests use. */
    static JdbcConnectionPool dataSource(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return h2(url);
        }
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setURL(url);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(16);
        return pool;
    }

    /** The JDBC URL of an H2 database in file mode in the given directory. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("incidentkit").toAbsolutePath() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    static JdbcConnectionPool h2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
        pool.setMaxConnections(16);
        return pool;
    }

    /** Closes an H2 database opened with {@code DB_CLOSE_DELAY=-1}, so its files can go. */
    static void shutdownH2(String url) {
        execute(url, "SHUTDOWN");
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run `" + sql + "` on " + redacted(url) + ": " + e.getMessage()
                    + (url.startsWith("jdbc:postgresql") ? " — is PostgreSQL running? Point the tests at a server with"
                    + " INCIDENTKIT_TEST_PG_URL=jdbc:postgresql://host:5432/db?user=…&password=…" : ""), e);
        }
    }

    /** The URL without its query, where a password may be. */
    static String redacted(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
