package vn.gov.lmi.hub.catalog;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.system.HubProperties;

/**
 * Every dataset under {@code hub.schemas-dir}, read once at start-up. A broken descriptor or schema stops
 * the hub with a message naming the file, rather than leaving a dataset half-served.
 */
@Component
public class DatasetCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Dataset> datasets;

    @org.springframework.beans.factory.annotation.Autowired
    public DatasetCatalog(HubProperties properties, ObjectMapper json) {
        this(properties.schemasDir(), json);
    }

    /** The catalog of one schemas folder (as the hub reads it; tests and commands use this directly). */
    public DatasetCatalog(Path schemasDir, ObjectMapper json) {
        this.datasets = load(schemasDir, json);
    }

    public Optional<Dataset> find(String id) {
        return Optional.ofNullable(datasets.get(id));
    }

    /** All datasets, ordered by id. */
    public Collection<Dataset> all() {
        return datasets.values();
    }

    static Map<String, Dataset> load(Path schemasDir, ObjectMapper json) {
        if (!Files.isDirectory(schemasDir)) {
            throw new CatalogException(schemasDir, "schemas folder not found (set hub.schemas-dir or hub.install-dir)");
        }
        HubSchemaFactory factory = HubSchemaFactory.forSchemasDir(schemasDir);
        Map<String, Dataset> loaded = new TreeMap<>();
        try (Stream<Path> folders = Files.list(schemasDir)) {
            for (Path descriptorFile : folders.map(f -> f.resolve("dataset.yaml")).filter(Files::isRegularFile).toList()) {
                Dataset dataset = loadOne(descriptorFile, factory, json);
                loaded.put(dataset.id(), dataset);
            }
        } catch (IOException e) {
            throw new CatalogException(schemasDir, "cannot list: " + e.getMessage());
        }
        if (loaded.isEmpty()) {
            throw new CatalogException(schemasDir, "no dataset found (expected <id>/dataset.yaml)");
        }
        return loaded;
    }

    private static Dataset loadOne(Path descriptorFile, HubSchemaFactory factory, ObjectMapper json) {
        DatasetDescriptor descriptor;
        try {
            descriptor = YAML.readValue(descriptorFile.toFile(), DatasetDescriptor.class);
        } catch (IOException e) {
            throw new CatalogException(descriptorFile, e.getMessage());
        }
        String folder = descriptorFile.getParent().getFileName().toString();
        require(descriptorFile, folder.equals(descriptor.id()), "id '" + descriptor.id() + "' must equal the folder name '" + folder + "'");
        require(descriptorFile, descriptor.version() != null && descriptor.version().matches("\\d+\\.\\d+"), "version must look like 1.0");
        require(descriptorFile, descriptor.title() != null && descriptor.legalBasis() != null, "title and legalBasis are required");
        require(descriptorFile, descriptor.key() != null && !descriptor.key().isEmpty()
                && descriptor.key().stream().allMatch(p -> p.startsWith("/") && !p.contains("*")),
                "key must list JSON Pointers (no '*') whose values form the record key");

        Path schemaFile = descriptorFile.resolveSibling(descriptor.schemaFileName());
        require(descriptorFile, Files.isRegularFile(schemaFile), "schema file " + schemaFile.getFileName() + " not found");
        JsonNode schemaDocument;
        try {
            schemaDocument = json.readTree(schemaFile.toFile());
        } catch (IOException e) {
            throw new CatalogException(schemaFile, "not valid JSON: " + e.getMessage());
        }
        String expectedId = HubSchemaFactory.SCHEMA_BASE_URI + folder + "/" + descriptor.schemaFileName();
        require(schemaFile, expectedId.equals(schemaDocument.path("$id").asText()), "$id must be " + expectedId);

        List<CrossFieldRule> rules = new ArrayList<>();
        for (Map<String, String> declaration : descriptor.rules() == null ? List.<Map<String, String>>of() : descriptor.rules()) {
            try {
                rules.add(CrossFieldRules.from(declaration));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(descriptorFile, e.getMessage());
            }
        }
        JsonSchema schema;
        try {
            schema = factory.load(URI.create(expectedId), true);
            schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new CatalogException(schemaFile, "schema does not load: " + e.getMessage());
        }
        return new Dataset(descriptor, schema, schemaDocument, List.copyOf(rules));
    }

    private static void require(Path file, boolean condition, String problem) {
        if (!condition) {
            throw new CatalogException(file, problem);
        }
    }

    /** A catalog file that the hub cannot use; the message names the file. */
    public static final class CatalogException extends RuntimeException {
        CatalogException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }
}
