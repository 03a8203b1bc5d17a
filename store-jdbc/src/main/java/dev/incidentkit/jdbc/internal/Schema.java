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

/** Applies the shipped schema script and checks the database's schema version. */
public final class Schema {
    /** The schema version this release writes and reads. */
    public static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    /** Any constant will do: it only keeps two replicas starting at once from creating tables at once. */
    private static final long ADVISORY_LOCK = 0x1C1D_E17C_0001L;

    private Schema() {}

    /**
     * Applies the dialect's script; every statement is idempotent, so an existing schema is left as it is.
     *
     * @param connection a connection, in auto-commit mode
     * @param dialect the dialect
     * @throws SQLException if a statement fails
     */
    public static void apply(Connection connection, Dialect dialect) throws SQLException {
        List<String> statements = statements(script(dialect));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")"); // DDL is transactional there
            }
            for (String sql : statements) {
                s.execute(sql);
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

    /**
     * Makes H2 write each commit to its file at once (its default is up to 500 ms later, which loses
     * answered commands when the process is killed). Warns if the user may not change the setting.
     *
     * @param connection a connection to an H2 database
     */
    public static void makeH2CommitsDurable(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            LOG.warn("could not SET WRITE_DELAY 0 on the H2 database ({}): commits may be lost if the bot is killed;"
                    + " add ;WRITE_DELAY=0 to the JDBC URL", e.getMessage());
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
                    + "): build the store with createSchema(true), or apply " + dialect.schemaScript()
                    + " with your migration tool", e);
        }
        if (version < 1) {
            throw new JdbcStoreException("the incidentkit schema table is empty: apply " + dialect.schemaScript()
                    + " completely, or build the store with createSchema(true)");
        }
        if (version > VERSION) {
            throw new JdbcStoreException("this database holds incidentkit schema version " + version
                    + ", written by a later release; this release reads version " + VERSION + ": upgrade incidentkit");
        }
    }

    /**
     * Reads a dialect's script.
     *
     * @param dialect the dialect
     * @return the script's text
     */
    public static String script(Dialect dialect) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(dialect.schemaScript())) {
            if (in == null) {
                throw new IllegalStateException("the schema script " + dialect.schemaScript() + " is missing from the jar");
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
    static List<String> statements(String script) {
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
