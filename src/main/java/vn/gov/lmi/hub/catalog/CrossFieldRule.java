package vn.gov.lmi.hub.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A check across fields that JSON Schema cannot express, declared by name in {@code dataset.yaml}.
 * Rules skip values the schema already refuses (wrong type or form), so each problem is reported once.
 */
public interface CrossFieldRule {

    /** The rule's name in {@code dataset.yaml}. */
    String name();

    /** Warnings are reported in the receipt but never refuse a record. */
    default boolean warningOnly() {
        return false;
    }

    /** The violations found in one record; index 0, the caller sets the batch index. */
    List<Violation> check(JsonNode record);
}
