package vn.gov.lmi.hub.partners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.trust.RecordKeyTokens;

/**
 * Applies a grant's withheld fields to what a partner receives. Withheld fields are removed from the record and
 * so is the payload digest; when one of them is part of the record key (e.g. the citizen id), the key is replaced
 * by a pseudonym, stable per dataset and key but not reversible without the hub's secret.
 */
@Component
public class FieldRestrictions {

    private static final String PSEUDONYM_PREFIX = "p~";
    private final RecordKeyTokens tokens;

    public FieldRestrictions(RecordKeyTokens tokens) {
        this.tokens = tokens;
    }

    /** {@code recordNode} is {key, version, ..., data}; returns it with the grant's withheld fields removed. */
    public ObjectNode apply(Dataset dataset, Grant grant, ObjectNode recordNode) {
        if (grant.withhold().isEmpty()) {
            return recordNode;
        }
        JsonNode data = recordNode.path("data");
        for (String pointer : grant.withhold()) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? data : data.at(pointer.substring(0, slash));
            if (parent instanceof ObjectNode object) {
                object.remove(pointer.substring(slash + 1));
            }
        }
        // the digest of the full payload would let a partner confirm guesses of what was removed
        recordNode.remove("sha256");
        if (withholdsKey(dataset, grant)) {
            recordNode.put("key", PSEUDONYM_PREFIX + tokens.token(dataset.id(), recordNode.path("key").asText()));
        }
        return recordNode;
    }

    /** Looking a record up by key would confirm a withheld value (e.g. that a citizen id is on file). */
    public void requireKeyLookupAllowed(Dataset dataset, Grant grant) {
        if (withholdsKey(dataset, grant)) {
            throw new ProblemException(ProblemType.FIELD_RESTRICTED, "the key of dataset '" + dataset.id()
                    + "' includes fields withheld from you (" + String.join(", ", grant.withhold())
                    + "); pull pages instead, where keys are pseudonyms");
        }
    }

    /**
     * Filtering pages by a field (province, period) would reveal it for every record returned; refused when the
     * field, or an object holding it, is withheld. {@code filterPointer} null: no such filter for the dataset.
     */
    public void requireFilterAllowed(Dataset dataset, Grant grant, String parameter, String filterPointer) {
        if (filterPointer != null && withholds(grant, filterPointer)) {
            throw new ProblemException(ProblemType.FIELD_RESTRICTED, "the " + parameter + " filter of dataset '"
                    + dataset.id() + "' reads " + filterPointer + ", which is withheld from you");
        }
    }

    private static boolean withholdsKey(Dataset dataset, Grant grant) {
        return dataset.descriptor().key().stream().anyMatch(k -> withholds(grant, k));
    }

    private static boolean withholds(Grant grant, String pointer) {
        return grant.withhold().stream().anyMatch(w -> pointer.equals(w) || pointer.startsWith(w + "/"));
    }
}
