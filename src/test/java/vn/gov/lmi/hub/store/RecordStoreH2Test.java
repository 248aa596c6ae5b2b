package vn.gov.lmi.hub.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.TestDatabases;

/** The store contract on an H2 file database, with the same URL options as the embedded default. */
class RecordStoreH2Test extends RecordStoreContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        dataSource = TestDatabases.h2(folder, "store");
        return dataSource;
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
