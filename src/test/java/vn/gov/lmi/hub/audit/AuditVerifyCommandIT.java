package vn.gov.lmi.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar target/lmi-hub.jar audit verify} run as an operator runs it, on a stopped hub's home: exit 0
 * and a summary when intact; exit 1 naming the first broken entry after an edit, a deletion or a swap.
 */
class AuditVerifyCommandIT {

    @TempDir
    Path hubHome;

    @Test
    void intactLogExitsZero() throws Exception {
        JdbcTemplate jdbc = logWithEntries(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log", Long.class)).isEqualTo(4);
        assertThat(auditVerify()).isEqualTo(new Outcome(0, "message log intact: 4 entries, chain head verified"));
    }

    @Test
    void editedDeletedAndSwappedEntriesAreNamed() throws Exception {
        JdbcTemplate jdbc = logWithEntries(6);
        jdbc.update("UPDATE message_log SET partner = 'someone-else' WHERE seq = 4");
        assertThat(auditVerify()).isEqualTo(new Outcome(1,
                "message log BROKEN at entry 4: content does not match its entry_hash: edited"));

        jdbc.update("UPDATE message_log SET partner = 'partner-1' WHERE seq = 4");
        jdbc.update("DELETE FROM message_log WHERE seq = 2");
        assertThat(auditVerify()).isEqualTo(new Outcome(1,
                "message log BROKEN at entry 2: entry 2 is missing (next present is 3): deleted"));
    }

    @Test
    void swappedEntriesAreNamed() throws Exception {
        JdbcTemplate jdbc = logWithEntries(5);
        jdbc.update("UPDATE message_log SET seq = -1 WHERE seq = 3");
        jdbc.update("UPDATE message_log SET seq = 3 WHERE seq = 4");
        jdbc.update("UPDATE message_log SET seq = 4 WHERE seq = -1");
        assertThat(auditVerify()).isEqualTo(new Outcome(1, "message log BROKEN at entry 3: prev_hash does not match "
                + "the hash of entry 2: entries were reordered, replaced or removed before it"));
    }

    private record Outcome(int exitCode, String lastLine) {
    }

    private JdbcTemplate logWithEntries(int count) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + hubHome.resolve("db/lmi-hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "lmi", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        MessageLog log = new MessageLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        for (int n = 1; n <= count; n++) {
            log.append(MessageLogContract.exchange(n));
        }
        return jdbc;
    }

    private Outcome auditVerify() throws IOException, InterruptedException {
        Path jar = Path.of("target/lmi-hub.jar").toAbsolutePath();
        Path output = hubHome.resolve("audit-verify.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "audit", "verify", "--hub.home=" + hubHome))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(output).stream().filter(l -> l.startsWith("message log")).toList();
        assertThat(lines).as(Files.readString(output)).hasSize(1);
        return new Outcome(process.exitValue(), lines.get(0));
    }
}
