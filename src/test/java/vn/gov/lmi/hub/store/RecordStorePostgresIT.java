package vn.gov.lmi.hub.store;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;

import vn.gov.lmi.hub.support.TestDatabases;

/** The store contract on a real PostgreSQL server (see TestDatabases#postgres). */
class RecordStorePostgresIT extends RecordStoreContract {

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        dataSource = TestDatabases.postgres();
        return dataSource;
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
