package vn.gov.lmi.hub.routes;

import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON equality as people read it: 1, 1.0 and 1e0 are the same number; everything else compares exactly. */
final class SameJson {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private SameJson() {
    }

    static boolean equal(JsonNode expected, JsonNode actual) {
        return actual != null && expected.equals(NUMBERS_BY_VALUE, actual);
    }
}
