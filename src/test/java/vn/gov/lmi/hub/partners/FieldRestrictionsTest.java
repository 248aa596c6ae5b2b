package vn.gov.lmi.hub.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.TestPartners;

/** Withheld fields leave no trace: not the field, not the digest of the whole record, not a filter that reads it. */
class FieldRestrictionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FieldRestrictions restrictions = new FieldRestrictions(new vn.gov.lmi.hub.trust.RecordKeyTokens(TestPartners.signer("ops-admin")));
    private final Dataset persons = new DatasetCatalog(Path.of("schemas"), JSON).find("labor-supply-person").orElseThrow();

    private ObjectNode record() throws Exception {
        ObjectNode record = JSON.createObjectNode().put("key", "001085012345:2025-09-15").put("version", 1)
                .put("sha256", "ab".repeat(32));
        record.set("data", JSON.readTree(Examples.firstValid("labor-supply-person")));
        return record;
    }

    @Test
    void theDigestGoesWheneverAFieldIsWithheldEvenIfTheKeyStays() throws Exception {
        Grant birthDateOnly = new Grant("labor-supply-person", Set.of(Operation.PULL), List.of("/birthDate"));
        ObjectNode restricted = restrictions.apply(persons, birthDateOnly, record());
        assertThat(restricted.path("data").has("birthDate")).isFalse();
        assertThat(restricted.has("sha256")).isFalse();
        assertThat(restricted.path("key").asText()).isEqualTo("001085012345:2025-09-15");
    }

    @Test
    void nothingWithheldLeavesTheRecordAsItIs() throws Exception {
        Grant open = new Grant("labor-supply-person", Set.of(Operation.PULL), List.of());
        assertThat(restrictions.apply(persons, open, record())).isEqualTo(record());
    }

    @Test
    void aFilterOverAWithheldObjectIsRefused() {
        Grant noResidence = new Grant("labor-supply-person", Set.of(Operation.PULL), List.of("/currentResidence"));
        String provincePointer = persons.descriptor().province();
        assertThat(provincePointer).startsWith("/currentResidence/");
        assertThatThrownBy(() -> restrictions.requireFilterAllowed(persons, noResidence, "province", provincePointer))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.FIELD_RESTRICTED);
                    assertThat(p.detail()).isEqualTo("the province filter of dataset 'labor-supply-person' reads "
                            + provincePointer + ", which is withheld from you");
                });
        Grant open = new Grant("labor-supply-person", Set.of(Operation.PULL), List.of("/fullName"));
        restrictions.requireFilterAllowed(persons, open, "province", provincePointer);
    }
}
