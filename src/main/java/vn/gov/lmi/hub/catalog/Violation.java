package vn.gov.lmi.hub.catalog;

/**
 * One reason a record is refused (or, for a warning, questioned).
 *
 * @param index   position of the record in the submitted batch (0 for a single record)
 * @param pointer JSON Pointer (RFC 6901) to the offending field inside the record
 * @param rule    short machine-readable name of the broken rule, e.g. {@code required}, {@code citizen-id-birth-sex}
 * @param message what is wrong and what form is expected
 */
public record Violation(int index, String pointer, String rule, String message) {

    public Violation atIndex(int newIndex) {
        return new Violation(newIndex, pointer, rule, message);
    }
}
