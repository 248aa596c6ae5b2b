package vn.gov.lmi.hub.audit;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The message log contract on the embedded H2 database, configured as the hub configures it. */
class MessageLogH2Test extends MessageLogContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        dataSource.setUsername("lmi");
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
