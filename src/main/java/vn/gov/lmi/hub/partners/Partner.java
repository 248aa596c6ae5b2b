package vn.gov.lmi.hub.partners;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registered party: a partner system (agency code as id) or an operator. Certificates are identified by their
 * SHA-256 fingerprints; a partner may hold several (e.g. during a key roll-over).
 */
public record Partner(String id, String name, Role role, Set<String> certificateFingerprints, Map<String, Grant> grants) {

    public enum Role { PARTNER, OPERATOR }

    /** What the message log names a sender it could not identify; no party may take this id. */
    public static final String UNAUTHENTICATED = "unauthenticated";

    public Partner {
        certificateFingerprints = Set.copyOf(certificateFingerprints);
        grants = Map.copyOf(grants);
    }

    public Optional<Grant> grant(String datasetId, Operation operation) {
        Grant grant = grants.get(datasetId);
        return grant != null && grant.operations().contains(operation) ? Optional.of(grant) : Optional.empty();
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }
}
