package dev.incidentkit.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases {@link JdbcIncidentStore} speaks to. Each has its own schema, shipped as a SQL script on
 * the classpath ({@link #schemaScript()}).
 *
 * @since 0.1
 */
public enum Dialect {
    /**
     * PostgreSQL 12 or later: the production choice, for one bot or several replicas on one database.
     * Effects are claimed with {@code FOR UPDATE SKIP LOCKED}.
     */
    POSTGRESQL("PostgreSQL"),
    /**
     * H2 2.x, in file mode: the embedded default for a single bot. Effects are claimed with a
     * compare-and-set on the claim columns.
     */
    H2("H2");

    private final String productName;

    Dialect(String productName) {
        this.productName = productName;
    }

    /**
     * Returns the classpath resource of this dialect's schema script, version 1, e.g.
     * {@code dev/incidentkit/jdbc/postgresql/V1__incidentkit.sql}: copy it into your migration tool's
     * folder to manage the schema yourself.
     *
     * @return the resource name, without a leading slash
     */
    public String schemaScript() {
        return "dev/incidentkit/jdbc/" + name().toLowerCase(Locale.ROOT) + "/V1__incidentkit.sql";
    }

    /**
     * Finds the dialect for a JDBC database product name, as {@code DatabaseMetaData.getDatabaseProductName()}
     * reports it.
     *
     * @param databaseProductName e.g. {@code PostgreSQL}
     * @return the dialect, or empty if incidentkit does not support the database
     */
    public static Optional<Dialect> forProductName(String databaseProductName) {
        for (Dialect d : values()) {
            if (d.productName.equalsIgnoreCase(databaseProductName.strip())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
