package dev.incidentkit.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The databases {@link JdbcIncidentStore} speaks to. Each has its own schema, shipped as SQL scripts on
 * the classpath ({@link #schemaScripts()}).
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
     * Returns the classpath resources of this dialect's schema scripts, in the order they apply, e.g.
     * {@code dev/incidentkit/jdbc/postgresql/V1__incidentkit.sql} then
     * {@code dev/incidentkit/jdbc/postgresql/V2__fenced_claims.sql}: copy them into your migration tool's
     * folder to manage the schema yourself.
     *
     * @return the resource names, without a leading slash, version 1 first
     */
    public List<String> schemaScripts() {
        String folder = "dev/incidentkit/jdbc/" + name().toLowerCase(Locale.ROOT) + "/";
        return List.of(folder + "V1__incidentkit.sql", folder + "V2__fenced_claims.sql");
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
