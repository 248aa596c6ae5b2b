package vn.gov.lmi.hub.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.trust.Fingerprints;
import vn.gov.lmi.hub.trust.PemFiles;

/** The registry file as engineers write it: the shipped one loads, and each kind of mistake is named with its path. */
class PartnerRegistryFileTest {

    private static final Path INSTALL_DIR = Path.of("").toAbsolutePath();
    private static final DatasetCatalog CATALOG = new DatasetCatalog(INSTALL_DIR.resolve("schemas"), new ObjectMapper());
    private static final String NPSP = "certs-example/partners/npsp.crt.pem";

    @TempDir
    Path folder;

    @Test
    void theShippedRegistryLoads() {
        Map<String, Partner> parties = PartnerRegistryFile.load(INSTALL_DIR.resolve("routes/partners.yaml"), INSTALL_DIR, CATALOG);
        assertThat(parties.keySet()).contains("molisa-portal", "npsp", "dolisa-hanoi", "ops-admin");
        Partner molisa = parties.get("molisa-portal");
        assertThat(molisa.grant("labor-supply-person", Operation.PULL)).hasValueSatisfying(g ->
                assertThat(g.withhold()).containsExactly("/fullName", "/citizenId", "/birthDate"));
        assertThat(molisa.grant("labor-supply-person", Operation.SUBMIT)).isEmpty();
        assertThat(molisa.certificateFingerprints()).containsExactly(Fingerprints.sha256(
                PemFiles.readCertificate(INSTALL_DIR.resolve("certs-example/partners/molisa-portal.crt.pem"))));
        assertThat(parties.get("ops-admin").isOperator()).isTrue();
    }

    @Test
    void aFingerprintIsAsGoodAsACertificateFile() throws IOException {
        String fingerprint = Fingerprints.sha256(PemFiles.readCertificate(INSTALL_DIR.resolve(NPSP)));
        Map<String, Partner> parties = load(registry("""
                  - id: npsp
                    name: NPSP
                    certificates: ["sha256:%s"]
                    grants:
                      - dataset: foreign-worker
                        operations: [pull]
                """.formatted(fingerprint.toLowerCase().replace(":", ""))));
        assertThat(parties.get("npsp").certificateFingerprints()).isEqualTo(Set.of(fingerprint));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown dataset        | dataset: no-such-data                   | partners[0].grants[0].dataset: 'no-such-data' is not in the catalog (schemas/)
            unknown operation      | operations: [pull, delete]              | partners[0].grants[0].operations[1]: 'delete' is not an operation; use submit, pull or subscribe
            empty operations       | operations: []                          | partners[0].grants[0].operations: required, a list of submit, pull, subscribe
            withheld field unknown | withhold: [/nickname]                   | partners[0].grants[0].withhold[0]: '/nickname' is not a field of dataset 'foreign-worker'
            withhold not a pointer | withhold: [fullName]                    | partners[0].grants[0].withhold[0]: 'fullName' must be a JSON Pointer to a field, e.g. /fullName
            unknown grant field    | expires: 2026-12-31                     | partners[0].grants[0].expires: unknown field; allowed are dataset, operations, withhold
            """)
    void eachGrantMistakeIsNamed(String mistake, String line, String expected) throws IOException {
        String grant = """
                      - dataset: foreign-worker
                        operations: [pull]
                """;
        String key = line.substring(0, line.indexOf(':'));
        String edited = grant.lines().anyMatch(l -> l.trim().startsWith(key + ":") || l.trim().startsWith("- " + key + ":"))
                ? grant.replaceFirst("(?m)^(\\s*-?\\s*)" + key + ":.*$", "$1" + line.replace("$", "\\$"))
                : grant + "        " + line + "\n";
        assertProblems(registry("""
                  - id: npsp
                    name: NPSP
                    certificates: [%s]
                    grants:
                %s""".formatted(NPSP, edited)), expected);
    }

    @Test
    void partyMistakesAreAllListedAtOnce() throws IOException {
        assertProblems(registry("""
                  - id: "bad id!"
                    certificates: [certs-example/partners/missing.crt.pem]
                  - id: npsp
                    name: NPSP
                    certificates: [%s, %s]
                  - id: npsp
                    name: NPSP again
                    certificates: [sha256:1234]
                    colour: blue
                """.formatted(NPSP, NPSP)),
                "partners[0].id: 'bad id!' must be an agency code of 2-64 letters, digits, '.', '_' or '-'",
                "partners[0].name: required, a non-empty string",
                "partners[0].certificates[0]: certificate file 'certs-example/partners/missing.crt.pem' does not exist (resolved to "
                        + INSTALL_DIR.resolve("certs-example/partners/missing.crt.pem") + ")",
                "partners[1].certificates[1]: the same certificate is already registered for 'npsp'",
                "partners[2].colour: unknown field; allowed are certificates, grants, id, name",
                "partners[2].certificates[0]: 'sha256:1234' must be sha256: followed by 64 hex digits (colons allowed)",
                "partners[2].id: 'npsp' is registered twice");
    }

    @Test
    void notYamlOrNotAMappingIsRefused() throws IOException {
        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, "partners: [\n  - id: x\n");
        assertThatThrownBy(() -> load(broken)).hasMessageStartingWith("partner registry " + broken + " is invalid:\n  cannot be read as YAML");
        Files.writeString(broken, "- just a list\n");
        assertProblems(broken, "must be a mapping with 'partners' and optional 'operators'");
        Files.writeString(broken, "operators: []\n");
        assertProblems(broken, "partners: required, a list of partners");
    }

    private Path registry(String partners) throws IOException {
        Path file = folder.resolve("partners.yaml");
        Files.writeString(file, "partners:\n" + partners);
        return file;
    }

    private static Map<String, Partner> load(Path file) {
        return PartnerRegistryFile.load(file, INSTALL_DIR, CATALOG);
    }

    private static void assertProblems(Path file, String... expected) {
        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(PartnerRegistryFile.InvalidRegistryException.class,
                        e -> assertThat(e.problems()).containsExactlyInAnyOrder(expected));
    }
}
