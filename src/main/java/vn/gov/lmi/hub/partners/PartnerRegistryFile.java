package vn.gov.lmi.hub.partners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.trust.Fingerprints;
import vn.gov.lmi.hub.trust.PemFiles;

/**
 * Reads the partner registry file ({@code routes/partners.yaml}) and checks all of it: every problem is
 * reported with its path in the file, and a file with any problem is refused as a whole.
 */
public final class PartnerRegistryFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,63}";
    private static final Set<String> TOP_LEVEL = Set.of("partners", "operators");
    private static final Set<String> PARTNER_FIELDS = Set.of("id", "name", "certificates", "grants");
    private static final Set<String> OPERATOR_FIELDS = Set.of("id", "name", "certificates");
    private static final Set<String> GRANT_FIELDS = Set.of("dataset", "operations", "withhold");

    private final Path file;
    private final Path installDir;
    private final DatasetCatalog catalog;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> ownerOfFingerprint = new HashMap<>();

    private PartnerRegistryFile(Path file, Path installDir, DatasetCatalog catalog) {
        this.file = file;
        this.installDir = installDir;
        this.catalog = catalog;
    }

    /**
     * The certificate files a registry file names (resolved against the install dir), read leniently: a change to
     * any of them must reload the registry just as a change to the file itself does.
     */
    public static List<Path> certificateFiles(Path file, Path installDir) {
        List<Path> files = new ArrayList<>();
        try {
            JsonNode root = YAML.readTree(Files.readAllBytes(file));
            if (root != null) {
                for (JsonNode certificates : root.findValues("certificates")) {
                    certificates.forEach(entry -> {
                        if (entry.isTextual() && !entry.asText().startsWith("sha256:") && !entry.asText().isBlank()) {
                            files.add(installDir.resolve(entry.asText()).normalize());
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the full load reports what is wrong with the file
        }
        return files;
    }

    /** Every registered party by id, or {@link InvalidRegistryException} listing each problem of the file. */
    public static Map<String, Partner> load(Path file, Path installDir, DatasetCatalog catalog) {
        return new PartnerRegistryFile(file, installDir, catalog).read();
    }

    private Map<String, Partner> read() {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidRegistryException(file, List.of("cannot be read as YAML: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRegistryException(file, List.of("must be a mapping with 'partners' and optional 'operators'"));
        }
        unknownFields(root, TOP_LEVEL, "");
        Map<String, Partner> parties = new LinkedHashMap<>();
        readList(root, "partners", Partner.Role.PARTNER, parties);
        readList(root, "operators", Partner.Role.OPERATOR, parties);
        if (!problems.isEmpty()) {
            throw new InvalidRegistryException(file, problems);
        }
        return parties;
    }

    private void readList(JsonNode root, String field, Partner.Role role, Map<String, Partner> parties) {
        JsonNode list = root.path(field);
        if (list.isMissingNode() || list.isNull()) {
            if (role == Partner.Role.PARTNER) {
                problems.add("partners: required, a list of partners");
            }
            return;
        }
        if (!list.isArray()) {
            problems.add(field + ": must be a list");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            Partner party = readParty(list.get(i), path, role);
            if (party != null && parties.putIfAbsent(party.id(), party) != null) {
                problems.add(path + ".id: '" + party.id() + "' is registered twice");
            }
        }
    }

    private Partner readParty(JsonNode node, String path, Partner.Role role) {
        if (!node.isObject()) {
            problems.add(path + ": must be a mapping with id, name, certificates" + (role == Partner.Role.PARTNER ? ", grants" : ""));
            return null;
        }
        unknownFields(node, role == Partner.Role.PARTNER ? PARTNER_FIELDS : OPERATOR_FIELDS, path + ".");
        String id = text(node, "id", path);
        if (id != null && !id.matches(ID_PATTERN)) {
            problems.add(path + ".id: '" + id + "' must be an agency code of 2-64 letters, digits, '.', '_' or '-'");
        }
        if (Partner.UNAUTHENTICATED.equals(id)) {
            problems.add(path + ".id: '" + id + "' is reserved: the message log uses it for senders it could not identify");
        }
        String name = text(node, "name", path);
        Set<String> fingerprints = certificates(node.path("certificates"), path + ".certificates", id);
        Map<String, Grant> grants = role == Partner.Role.PARTNER ? grants(node.path("grants"), path + ".grants") : Map.of();
        return id == null || name == null ? null : new Partner(id, name, role, fingerprints, grants);
    }

    private Set<String> certificates(JsonNode list, String path, String owner) {
        Set<String> fingerprints = new LinkedHashSet<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(path + ": required, a list of certificate files (relative to the install dir) or sha256:<fingerprint>");
            return fingerprints;
        }
        for (int i = 0; i < list.size(); i++) {
            String entryPath = path + "[" + i + "]";
            String entry = list.get(i).asText("");
            String fingerprint = entry.startsWith("sha256:") ? fingerprintEntry(entry, entryPath) : fileEntry(entry, entryPath);
            if (fingerprint == null) {
                continue;
            }
            String earlier = ownerOfFingerprint.putIfAbsent(fingerprint, String.valueOf(owner));
            if (earlier != null) {
                problems.add(entryPath + ": the same certificate is already registered for '" + earlier + "'");
            }
            fingerprints.add(fingerprint);
        }
        return fingerprints;
    }

    private String fingerprintEntry(String entry, String path) {
        String fingerprint = Fingerprints.normalize(entry.substring("sha256:".length()));
        if (fingerprint == null) {
            problems.add(path + ": '" + entry + "' must be sha256: followed by 64 hex digits (colons allowed)");
        }
        return fingerprint;
    }

    private String fileEntry(String entry, String path) {
        if (entry.isBlank()) {
            problems.add(path + ": must be a certificate file path or sha256:<fingerprint>");
            return null;
        }
        Path certificateFile = installDir.resolve(entry).normalize();
        if (!Files.isRegularFile(certificateFile)) {
            problems.add(path + ": certificate file '" + entry + "' does not exist (resolved to " + certificateFile + ")");
            return null;
        }
        try {
            X509Certificate certificate = PemFiles.readCertificate(certificateFile);
            return Fingerprints.sha256(certificate);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": '" + entry + "' is not a PEM or DER X.509 certificate");
            return null;
        }
    }

    private Map<String, Grant> grants(JsonNode list, String path) {
        Map<String, Grant> grants = new LinkedHashMap<>();
        if (list.isMissingNode() || list.isNull()) {
            return grants;
        }
        if (!list.isArray()) {
            problems.add(path + ": must be a list of {dataset, operations, withhold}");
            return grants;
        }
        for (int i = 0; i < list.size(); i++) {
            String grantPath = path + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(grantPath + ": must be a mapping {dataset, operations, withhold}");
                continue;
            }
            unknownFields(node, GRANT_FIELDS, grantPath + ".");
            String datasetId = text(node, "dataset", grantPath);
            Dataset dataset = datasetId == null ? null : catalog.find(datasetId).orElse(null);
            if (datasetId != null && dataset == null) {
                problems.add(grantPath + ".dataset: '" + datasetId + "' is not in the catalog (schemas/)");
            }
            Set<Operation> operations = operations(node.path("operations"), grantPath + ".operations");
            List<String> withhold = withhold(node.path("withhold"), grantPath + ".withhold", dataset);
            if (datasetId != null && grants.putIfAbsent(datasetId, new Grant(datasetId, operations, withhold)) != null) {
                problems.add(grantPath + ".dataset: '" + datasetId + "' has two grants; merge them into one");
            }
        }
        return grants;
    }

    private Set<Operation> operations(JsonNode list, String path) {
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        if (!list.isArray() || list.isEmpty()) {
            problems.add(path + ": required, a list of submit, pull, subscribe");
            return operations;
        }
        for (int i = 0; i < list.size(); i++) {
            String value = list.get(i).asText("");
            try {
                operations.add(Operation.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(path + "[" + i + "]: '" + value + "' is not an operation; use submit, pull or subscribe");
            }
        }
        return operations;
    }

    private List<String> withhold(JsonNode list, String path, Dataset dataset) {
        List<String> pointers = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return pointers;
        }
        if (!list.isArray()) {
            problems.add(path + ": must be a list of JSON Pointers such as /fullName");
            return pointers;
        }
        for (int i = 0; i < list.size(); i++) {
            String pointer = list.get(i).asText("");
            if (!pointer.matches("(/[^/~]+)+")) {
                problems.add(path + "[" + i + "]: '" + pointer + "' must be a JSON Pointer to a field, e.g. /fullName");
            } else if (dataset != null && !schemaDeclares(dataset.schemaDocument(), pointer)) {
                problems.add(path + "[" + i + "]: '" + pointer + "' is not a field of dataset '" + dataset.id() + "'");
            } else {
                pointers.add(pointer);
            }
        }
        return pointers;
    }

    /** True when each step of the pointer is a declared property of the object schema above it. */
    private static boolean schemaDeclares(JsonNode schema, String pointer) {
        JsonNode current = schema;
        for (String step : pointer.substring(1).split("/")) {
            JsonNode property = current.path("properties").path(step);
            if (property.isMissingNode()) {
                return false;
            }
            current = property;
        }
        return true;
    }

    private String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + "." + field + ": required, a non-empty string");
            return null;
        }
        return value.asText();
    }

    private void unknownFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(prefix + name + ": unknown field; allowed are " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** The registry file has problems; the message lists every one, prefixed with the file. */
    public static final class InvalidRegistryException extends RuntimeException {
        private final List<String> problems;

        InvalidRegistryException(Path file, List<String> problems) {
            super("partner registry " + file + " is invalid:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
