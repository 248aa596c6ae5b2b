package vn.gov.lmi.hub.partners;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.Fingerprints;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.JwsPolicy;

/**
 * Checks a submission's signature the same way on every transport (REST header, JMS property): a detached JWS
 * under the hub's policy, made with a certificate registered to the partner that sends, bound to the dataset
 * and Idempotency-Key of this very submission (ADR 0005).
 */
@Component
public class SubmissionSignatures {

    /** Protected header fields that bind a submission's JWS to the dataset and Idempotency-Key it was made for. */
    public static final String BOUND_DATASET = "lmi-dataset";
    public static final String BOUND_IDEMPOTENCY_KEY = "lmi-idempotency-key";

    private final PartnerRegistry registry;

    public SubmissionSignatures(PartnerRegistry registry) {
        this.registry = registry;
    }

    public void verify(Partner partner, String signature, byte[] body, String datasetId, String idempotencyKey) {
        if (signature == null || signature.isBlank()) {
            throw new ProblemException(ProblemType.SIGNATURE_REQUIRED, "send the body's detached JWS (header..signature) "
                    + "in " + HubSigner.SIGNATURE_HEADER + " (JMS: " + HubSigner.SIGNATURE_PROPERTY + "), with your "
                    + "certificate chain in x5c and " + BOUND_DATASET + " and " + BOUND_IDEMPOTENCY_KEY
                    + " in the protected header");
        }
        JwsPolicy.VerifiedJws verified = JwsPolicy.verify(signature, body, registry.validator());
        String signerFingerprint = Fingerprints.sha256(verified.signer());
        if (!partner.certificateFingerprints().contains(signerFingerprint)) {
            String owner = registry.all().stream().filter(p -> p.certificateFingerprints().contains(signerFingerprint))
                    .map(p -> "registered to '" + p.id() + "'").findFirst().orElse("registered to no partner");
            throw new ProblemException(ProblemType.SIGNER_NOT_CLIENT, "the body is signed with "
                    + CertificateValidator.name(verified.signer()) + ", " + owner + ", but the sender is '"
                    + partner.id() + "'; sign with your own certificate");
        }
        checkBinding(verified, BOUND_DATASET, datasetId);
        checkBinding(verified, BOUND_IDEMPOTENCY_KEY, idempotencyKey);
    }

    private static void checkBinding(JwsPolicy.VerifiedJws verified, String field, String expected) {
        Object bound = verified.headerParameter(field);
        if (!expected.equals(bound)) {
            throw new ProblemException(ProblemType.SIGNATURE_BINDING_MISMATCH, "the JWS protected header's " + field
                    + (bound == null ? " is missing" : " is '" + bound + "'") + " but this request's is '" + expected
                    + "'; a signature is valid for the one request it names");
        }
    }
}
