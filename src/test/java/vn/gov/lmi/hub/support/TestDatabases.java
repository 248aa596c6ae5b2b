package vn.gov.lmi.hub.support;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/** The two databases the contracts run on, configured as the hub configures them. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** An H2 file database under {@code folder} with the embedded default's URL options. */
    public static HikariDataSource h2(Path folder, String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve(name)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
        dataSource.setUsername("lmi");
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }

    /**
     * The PostgreSQL server named by {@code LMI_TEST_POSTGRES_URL} (user and password in
     * {@code LMI_TEST_POSTGRES_USER}/{@code _PASSWORD}), emptied. {@code .ci/run} starts one; on CI
     * ({@code CI=true}) a missing server fails the test instead of skipping it, so the PostgreSQL path can never
     * silently go untested.
     */
    public static HikariDataSource postgres() {
        String url = System.getenv("LMI_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("LMI_TEST_POSTGRES_URL is not set on CI: .ci/run must start PostgreSQL for the database tests");
            }
            Assumptions.abort("LMI_TEST_POSTGRES_URL not set: run 'bash .ci/run' to test against PostgreSQL");
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(System.getenv().getOrDefault("LMI_TEST_POSTGRES_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("LMI_TEST_POSTGRES_PASSWORD", ""));
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
        return dataSource;
    }
}
