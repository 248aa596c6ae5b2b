package vn.gov.lmi.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

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

    @Test
    void pagesAreReadInKeyOrderUpToTheLimitNotSortedFromTheWholeDataset() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (PageQuery query : List.of(new PageQuery("job-vacancy", 0, 501, null, null, null),
                new PageQuery("job-vacancy", 7, 100, "01", "2025", OffsetDateTime.parse("2026-01-01T00:00:00Z")))) {
            RecordStore.Statement page = RecordStore.pageStatement(query);
            String plan = jdbc.queryForObject("EXPLAIN " + page.sql(), String.class, page.args());
            assertThat(plan).as(plan).contains("PRIMARY_KEY").contains("/* index sorted */");
        }
    }

    @AfterEach
    void close() {
        dataSource.close();
    }
}
