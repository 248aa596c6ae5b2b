package vn.gov.lmi.hub.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database, with the same URL options as the embedded default. */
class RecordStoreH2Test extends RecordStoreContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("store")
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
