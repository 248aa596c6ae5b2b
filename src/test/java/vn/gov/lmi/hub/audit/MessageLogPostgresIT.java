package vn.gov.lmi.hub.audit;

import static org.assertj.core.api.Assertions.fail;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/**
 * The message log contract on a real PostgreSQL server, named by {@code LMI_TEST_POSTGRES_URL} (user and password
 * in {@code LMI_TEST_POSTGRES_USER}/{@code _PASSWORD}). {@code .ci/run} starts one; on CI ({@code CI=true})
 * a missing server fails the build instead of skipping, so the PostgreSQL path can never silently go untested.
 */
class MessageLogPostgresIT extends MessageLogContract {

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        String url = System.getenv("LMI_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("LMI_TEST_POSTGRES_URL is not set on CI: .ci/run must start PostgreSQL for the database tests");
            }
            Assumptions.abort("LMI_TEST_POSTGRES_URL not set: run 'bash .ci/run' to test against PostgreSQL");
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(System.getenv().getOrDefault("LMI_TEST_POSTGRES_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("LMI_TEST_POSTGRES_PASSWORD", ""));
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
        return dataSource;
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
