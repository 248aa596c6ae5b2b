package vn.gov.lmi.hub.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rule library that {@code dataset.yaml} can name. Adding a rule here is the only Java a new
 * kind of check needs; using an existing rule on a new dataset needs none.
 */
public final class CrossFieldRules {

    /** rule name → its pointer parameters, in the order the violation pointer is taken from. */
    static final Map<String, List<String>> PARAMETERS = Map.of(
            "citizen-id-birth-sex", List.of("citizenId", "birthDate", "sex"),
            "tax-code-checksum", List.of("taxCode"),
            "not-greater-than", List.of("value", "limit"),
            "date-not-before", List.of("value", "start"));

    private static final Map<String, Function<List<String>, CrossFieldRule>> FACTORIES = Map.of(
            "citizen-id-birth-sex", CitizenIdBirthSex::new,
            "tax-code-checksum", TaxCodeChecksum::new,
            "not-greater-than", NotGreaterThan::new,
            "date-not-before", DateNotBefore::new);

    private CrossFieldRules() {
    }

    /** Builds a rule from its declaration, or says exactly what is wrong with the declaration. */
    public static CrossFieldRule from(Map<String, String> declaration) {
        String name = declaration.get("rule");
        List<String> parameters = PARAMETERS.get(name);
        if (parameters == null) {
            throw new IllegalArgumentException("unknown rule '" + name + "'; known rules: " + PARAMETERS.keySet());
        }
        Set<String> unknown = new java.util.TreeSet<>(declaration.keySet());
        unknown.remove("rule");
        parameters.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' has unknown parameters " + unknown
                    + "; it takes " + parameters);
        }
        List<String> pointers = new ArrayList<>();
        for (String parameter : parameters) {
            String pointer = declaration.get(parameter);
            if (pointer == null || !pointer.startsWith("/")) {
                throw new IllegalArgumentException("rule '" + name + "' needs parameter '" + parameter
                        + "' as a JSON Pointer starting with '/'");
            }
            pointers.add(pointer);
        }
        return FACTORIES.get(name).apply(pointers);
    }

    private abstract static class PointerRule implements CrossFieldRule {
        private final String name;
        private final List<String> pointers;

        PointerRule(String name, List<String> pointers) {
            this.name = name;
            this.pointers = pointers;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Violation> check(JsonNode record) {
            List<Violation> found = new ArrayList<>();
            for (List<String> bound : PointerPattern.expand(record, pointers)) {
                List<JsonNode> values = bound.stream().map(p -> PointerPattern.at(record, p)).toList();
                String problem = problem(values);
                if (problem != null) {
                    found.add(new Violation(0, bound.get(0), name, problem));
                }
            }
            return found;
        }

        /** What is wrong with these values, or null; missing or malformed values are the schema's business. */
        abstract String problem(List<JsonNode> values);
    }

    /** CCCD: digit 4 encodes sex and century, digits 5-6 the birth year (Circular 59/2021/TT-BCA). */
    static final class CitizenIdBirthSex extends PointerRule {
        CitizenIdBirthSex(List<String> pointers) {
            super("citizen-id-birth-sex", pointers);
        }

        @Override
        String problem(List<JsonNode> values) {
            String id = values.get(0).asText("");
            LocalDate birthDate = date(values.get(1));
            String sex = values.get(2).asText("");
            if (!id.matches("\\d{12}") || birthDate == null || !(sex.equals("male") || sex.equals("female"))) {
                return null;
            }
            int code = id.charAt(3) - '0';
            int year = 1900 + (code / 2) * 100 + Integer.parseInt(id.substring(4, 6));
            String idSex = code % 2 == 0 ? "male" : "female";
            if (year != birthDate.getYear() || !idSex.equals(sex)) {
                return "citizen id digits 4-6 encode a " + idSex + " born in " + year
                        + ", but the record says " + sex + " born in " + birthDate.getYear();
            }
            return null;
        }
    }

    /** Enterprise tax code mod-11 check digit: used in practice, not in law, so only a warning. */
    static final class TaxCodeChecksum extends PointerRule {
        private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

        TaxCodeChecksum(List<String> pointers) {
            super("tax-code-checksum", pointers);
        }

        @Override
        public boolean warningOnly() {
            return true;
        }

        @Override
        String problem(List<JsonNode> values) {
            String taxCode = values.get(0).asText("");
            if (!taxCode.matches("\\d{10}(-\\d{3})?")) {
                return null;
            }
            int sum = 0;
            for (int i = 0; i < WEIGHTS.length; i++) {
                sum += (taxCode.charAt(i) - '0') * WEIGHTS[i];
            }
            int check = 10 - sum % 11;
            if (check != taxCode.charAt(9) - '0') {
                return "tax code check digit (10th digit) should be " + (check == 10 ? "impossible (no valid digit)" : check)
                        + " by the mod-11 rule; please confirm the tax code";
            }
            return null;
        }
    }

    static final class NotGreaterThan extends PointerRule {
        NotGreaterThan(List<String> pointers) {
            super("not-greater-than", pointers);
        }

        @Override
        String problem(List<JsonNode> values) {
            if (!values.get(0).isNumber() || !values.get(1).isNumber()) {
                return null;
            }
            BigDecimal value = values.get(0).decimalValue();
            BigDecimal limit = values.get(1).decimalValue();
            return value.compareTo(limit) > 0 ? "must not be greater than " + limit.toPlainString() : null;
        }
    }

    static final class DateNotBefore extends PointerRule {
        DateNotBefore(List<String> pointers) {
            super("date-not-before", pointers);
        }

        @Override
        String problem(List<JsonNode> values) {
            LocalDate value = date(values.get(0));
            LocalDate start = date(values.get(1));
            return value != null && start != null && value.isBefore(start)
                    ? "date must not be before " + start : null;
        }
    }

    private static LocalDate date(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
