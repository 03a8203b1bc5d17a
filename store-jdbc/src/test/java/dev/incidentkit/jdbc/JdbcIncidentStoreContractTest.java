package dev.incidentkit.jdbc;

import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.contract.IncidentStoreContract;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The store contract, on a fresh PostgreSQL schema and a fresh H2 file database for every test. */
final class JdbcIncidentStoreContractTest {

    @Nested
    @DisplayName("on PostgreSQL")
    class OnPostgreSql extends IncidentStoreContract {
        private String schema = "";
        private @Nullable JdbcConnectionPool pool;

        @Override
        protected IncidentStore newStore() {
            schema = TestDatabases.newPostgresSchema();
            pool = TestDatabases.postgres(schema);
            return JdbcIncidentStore.builder(pool).build();
        }

        @Override
        protected void closeStore() {
            if (pool != null) {
                pool.dispose();
            }
            TestDatabases.dropPostgres(schema);
        }
    }

    @Nested
    @DisplayName("on H2 in file mode")
    class OnH2 extends IncidentStoreContract {
        @TempDir
        Path dir;
        private String url = "";
        private @Nullable JdbcConnectionPool pool;

        @Override
        protected IncidentStore newStore() {
            url = TestDatabases.h2Url(dir);
            pool = TestDatabases.h2(url);
            return JdbcIncidentStore.builder(pool).build();
        }

        @Override
        protected void closeStore() {
            if (pool != null) {
                pool.dispose();
            }
            TestDatabases.shutdownH2(url);
        }
    }
}
