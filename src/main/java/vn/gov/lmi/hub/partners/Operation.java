package vn.gov.lmi.hub.partners;

import java.util.Locale;

/** What a grant allows on one dataset. */
public enum Operation {
    SUBMIT, PULL, SUBSCRIBE;

    /** The name used in the registry file and in refusals. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
