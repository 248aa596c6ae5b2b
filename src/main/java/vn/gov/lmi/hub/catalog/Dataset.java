package vn.gov.lmi.hub.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

/** A dataset as the hub uses it: its descriptor, compiled schema, schema document and rules. */
public record Dataset(DatasetDescriptor descriptor, JsonSchema schema, JsonNode schemaDocument, List<CrossFieldRule> rules) {

    public String id() {
        return descriptor.id();
    }
}
