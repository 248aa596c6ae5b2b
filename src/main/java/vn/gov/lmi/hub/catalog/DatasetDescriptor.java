package vn.gov.lmi.hub.catalog;

import java.util.List;
import java.util.Map;

/**
 * What {@code schemas/<id>/dataset.yaml} declares about a dataset.
 *
 * @param key      JSON Pointers whose values, joined by {@code ':'}, form the record key
 * @param province pointer of the province code used by the {@code province} filter (may be null)
 * @param period   pointer of the value used by the {@code period} filter (may be null)
 * @param rules    cross-field rules, each a map with {@code rule} and its pointer parameters
 */
public record DatasetDescriptor(
        String id,
        String version,
        String title,
        String titleVi,
        String legalBasis,
        String form,
        List<String> key,
        String province,
        String period,
        List<Map<String, String>> rules) {

    public String schemaFileName() {
        return version + ".schema.json";
    }
}
