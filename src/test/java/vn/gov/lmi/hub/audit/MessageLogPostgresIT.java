package vn.gov.lmi.hub.audit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;

import vn.gov.lmi.hub.support.TestDatabases;

/** The message log contract on a real PostgreSQL server (see TestDatabases#postgres). */
class MessageLogPostgresIT extends MessageLogContract {

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
