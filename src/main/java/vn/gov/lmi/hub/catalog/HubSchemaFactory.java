package vn.gov.lmi.hub.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.regex.JoniRegularExpressionFactory;

/**
 * The one place where the hub configures its JSON Schema library: draft 2020-12 by default, JSON Pointer
 * paths in errors, ECMA-262 regular expressions (joni) as the specification asks, and the hub's schema URIs mapped to files so that nothing is fetched from the network.
 */
public final class HubSchemaFactory {

    /** Schemas name themselves {@code $id: <this prefix><path under schemas/>}. */
    public static final String SCHEMA_BASE_URI = "https://lmi.molisa.gov.vn/schemas/";

    private final JsonSchemaFactory factory;

    public HubSchemaFactory(Map<String, String> uriPrefixToLocation) {
        Map<String, String> mappings = new LinkedHashMap<>(uriPrefixToLocation);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaMappers(mappers -> mappings.forEach(mappers::mapPrefix)));
    }

    public static HubSchemaFactory forSchemasDir(Path schemasDir) {
        String location = schemasDir.toAbsolutePath().normalize().toUri().toString();
        return new HubSchemaFactory(Map.of(SCHEMA_BASE_URI, location.endsWith("/") ? location : location + "/"));
    }

    /**
     * @param assertFormats true for the hub's datasets (a bad date is an error); false for the standard
     *                      2020-12 behaviour where {@code format} is only an annotation.
     */
    public JsonSchema load(URI schemaUri, boolean assertFormats) {
        return factory.getSchema(SchemaLocation.of(schemaUri.toString()), config(assertFormats));
    }

    /** Loads a schema document; its {@code $id}, when present, is its retrieval URI as well. */
    public JsonSchema load(JsonNode schema, boolean assertFormats) {
        String id = schema.path("$id").asText("");
        return id.isEmpty()
                ? factory.getSchema(schema, config(assertFormats))
                : factory.getSchema(SchemaLocation.of(id), schema, config(assertFormats));
    }

    private static SchemaValidatorsConfig config(boolean assertFormats) {
        return SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                .formatAssertionsEnabled(assertFormats)
                .build();
    }
}
