package vn.gov.lmi.hub.audit;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.TestDatabases;

/** The message log contract on the embedded H2 database, configured as the hub configures it. */
class MessageLogH2Test extends MessageLogContract {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        dataSource = TestDatabases.h2(folder, "log");
        return dataSource;
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
