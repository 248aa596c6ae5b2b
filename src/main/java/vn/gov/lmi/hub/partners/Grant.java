package vn.gov.lmi.hub.partners;

import java.util.List;
import java.util.Set;

/**
 * A partner's rights on one dataset: the operations allowed and the fields (JSON Pointers into a record) that
 * are withheld from whatever the partner pulls or receives.
 */
public record Grant(String dataset, Set<Operation> operations, List<String> withhold) {

    public Grant {
        operations = Set.copyOf(operations);
        withhold = List.copyOf(withhold);
    }
}
