package dev.incidentkit.jdbc.internal;

import dev.incidentkit.jdbc.Dialect;
import dev.incidentkit.jdbc.JdbcStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the shipped schema scripts and checks the database's schema version. */
public final class Schema {
    /** The schema version this release writes and reads. */
    public static final int VERSION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    /** Any constant will do: it only keeps two replicas starting at once from creating tables at once. */
    private static final long ADVISORY_LOCK = 0x1C1D_E17C_0001L;

    private Schema() {}

    /**
     * Applies the dialect's scripts in order: version 1 always (every statement is idempotent, so an
     * existing schema is left as it is), each later version unless {@code incidentkit_schema} records it.
     *
     * @param connection a connection, in auto-commit mode
     * @param dialect the dialect
     * @throws SQLException if a statement fails
     */
    public static void apply(Connection connection, Dialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")"); // DDL is transactional there
            }
            List<String> scripts = dialect.schemaScripts();
            for (int version = 1; version <= scripts.size(); version++) {
                if (version > 1 && recorded(s, version)) {
                    continue;
                }
                for (String sql : statements(script(scripts.get(version - 1)))) {
                    s.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        LOG.debug("incidentkit schema version {} is in place ({})", VERSION, dialect);
    }

    private static boolean recorded(Statement s, int version) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM incidentkit_schema WHERE version = " + version)) {
            return rs.next();
        }
    }

    /**
     * Makes H2 write each commit to its file before the commit returns ({@code SET WRITE_DELAY 0}; H2's
     * default is up to 500 ms later, which loses answered commands when the process is killed). It lasts
     * until the database is reopened: H2 2.x applies the URL's value (500 if absent) each time it opens the
     * database, so the URL must say {@code WRITE_DELAY=0} too. (The URL cannot be checked from here: the
     * driver reports it without its settings.)
     *
     * @param connection a connection to an H2 database
     */
    public static void makeH2CommitsDurable(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            LOG.warn("could not SET WRITE_DELAY 0 on the H2 database ({}): commits may be lost if the bot is killed;"
                    + " add ;WRITE_DELAY=0 to the JDBC URL", e.getMessage());
            return;
        }
    }

    /**
     * Checks that the database holds a schema this release can use.
     *
     * @param connection a connection
     * @param dialect the dialect, for the message
     * @throws JdbcStoreException if the schema is missing or newer than this release
     */
    public static void check(Connection connection, Dialect dialect) {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.of(dialect).schemaVersion)) {
            version = rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new JdbcStoreException("the incidentkit tables are missing from this database (" + e.getMessage().strip()
                    + "): build the store with createSchema(true), or apply " + String.join(" then ", dialect.schemaScripts())
                    + " with your migration tool", e);
        }
        if (version > VERSION) {
            throw new JdbcStoreException("this database holds incidentkit schema version " + version
                    + ", written by a later release; this release reads version " + VERSION + ": upgrade incidentkit");
        }
        if (version < VERSION) {
            List<String> missing = dialect.schemaScripts().subList(Math.max(version, 0), VERSION);
            throw new JdbcStoreException("this database holds incidentkit schema version " + version + " and this release"
                    + " needs version " + VERSION + ": apply " + String.join(" then ", missing)
                    + " completely, or build the store with createSchema(true)");
        }
    }

    /**
     * Reads a shipped script.
     *
     * @param resource the script's classpath resource, one of {@link Dialect#schemaScripts()}
     * @return the script's text
     */
    public static String script(String resource) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema script " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a script into statements: comments ({@code --} to the end of a line) go, and a statement ends
     * with a semicolon at the end of a line.
     *
     * @param script the script
     * @return the statements, without their semicolons
     */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (code.isEmpty()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(code);
            if (code.endsWith(";")) {
                out.add(current.substring(0, current.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }
}
