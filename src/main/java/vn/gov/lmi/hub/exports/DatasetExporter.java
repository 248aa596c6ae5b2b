package vn.gov.lmi.hub.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.store.PageQuery;
import vn.gov.lmi.hub.store.RecordStore;
import vn.gov.lmi.hub.store.StoredRecord;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.CmsSigner;

/**
 * Writes a dataset's change history (every version, in change order) as NDJSON, one line per version, and a
 * detached CMS signature beside it: {@code <dataset>-<lastSeq>.ndjson} and {@code .ndjson.p7s}, verifiable with
 * {@code openssl cms -verify -binary -inform DER -in X.p7s -content X -CAfile root-ca.crt.pem -purpose any}.
 */
@Component
public class DatasetExporter {

    private static final int PAGE = 1000;

    private final RecordStore store;
    private final CmsSigner signer;
    private final ObjectMapper json;
    private final Path exportsDir;

    public DatasetExporter(RecordStore store, CmsSigner signer, ObjectMapper json, HubProperties properties) {
        this.store = store;
        this.signer = signer;
        this.json = json;
        this.exportsDir = properties.audit().exportsDir();
    }

    /** What an export wrote. */
    public record Export(Path file, Path signature, long records, long lastSeq, String sha256) {
    }

    public Export export(String datasetId) throws IOException {
        Path dir = Files.createDirectories(exportsDir.resolve(datasetId));
        Path partial = Files.createTempFile(dir, datasetId + "-", ".partial");
        long count = 0;
        long lastSeq = 0;
        java.security.MessageDigest sha256;
        try {
            sha256 = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(new java.security.DigestOutputStream(
                Files.newOutputStream(partial), sha256), StandardCharsets.UTF_8))) {
            List<StoredRecord> page;
            do {
                page = store.page(new PageQuery(datasetId, lastSeq, PAGE, null, null, null));
                for (StoredRecord record : page) {
                    ObjectNode line = json.createObjectNode()
                            .put("key", record.key())
                            .put("version", record.version())
                            .put("seq", record.seq())
                            .put("recordedAt", record.recordedAt().toInstant().toString())
                            .put("sha256", record.payloadSha256());
                    line.set("data", json.readTree(record.payloadJson()));
                    out.write(json.writeValueAsString(line));
                    out.write('\n');
                    lastSeq = record.seq();
                    count++;
                }
            } while (page.size() == PAGE);
        }
        Path file = Files.move(partial, dir.resolve(datasetId + "-" + lastSeq + ".ndjson"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path signature = signer.signDetached(file);
        return new Export(file, signature, count, lastSeq, java.util.HexFormat.of().formatHex(sha256.digest()));
    }
}
