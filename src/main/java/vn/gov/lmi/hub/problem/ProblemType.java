package vn.gov.lmi.hub.problem;

import java.net.URI;

/**
 * Every kind of refusal the hub gives, with its HTTP status and a stable type URI (RFC 9457). SOAP faults and
 * JMS dead-letter reasons use the same names, so one list documents them all ({@code docs/problems.md}).
 */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "Request body is not valid JSON"),
    VALIDATION_FAILED(400, "validation-failed", "Records do not satisfy the dataset schema"),
    MISSING_IDEMPOTENCY_KEY(400, "missing-idempotency-key", "Idempotency-Key header is required"),
    INVALID_PARAMETER(400, "invalid-parameter", "A query or path parameter is not valid"),
    CLIENT_CERTIFICATE_REQUIRED(401, "client-certificate-required", "A TLS client certificate is required"),
    CERTIFICATE_EXPIRED(401, "certificate-expired", "Certificate is expired or not yet valid"),
    CERTIFICATE_REVOKED(401, "certificate-revoked", "Certificate is revoked"),
    CERTIFICATE_UNTRUSTED(401, "certificate-untrusted", "Certificate does not chain to a trusted CA"),
    KEY_TOO_WEAK(401, "key-too-weak", "Key is weaker than allowed"),
    ALGORITHM_NOT_ALLOWED(401, "algorithm-not-allowed", "Signature algorithm is not allowed"),
    UNKNOWN_PARTNER(401, "unknown-partner", "Certificate belongs to no registered partner"),
    SIGNATURE_REQUIRED(401, "signature-required", "Request body must be signed (X-JWS-Signature)"),
    SIGNATURE_INVALID(401, "signature-invalid", "Signature does not verify"),
    SIGNATURE_BINDING_MISMATCH(401, "signature-binding-mismatch", "Signature was made for a different request"),
    SIGNER_NOT_CLIENT(403, "signer-not-client", "Signer is not the authenticated partner"),
    GRANT_MISSING(403, "grant-missing", "Partner lacks the grant for this operation"),
    OPERATOR_REQUIRED(403, "operator-required", "Operator credential required"),
    FIELD_RESTRICTED(403, "field-restricted", "Request would reveal fields withheld from this partner"),
    DATASET_NOT_FOUND(404, "dataset-not-found", "No such dataset"),
    RECORD_NOT_FOUND(404, "record-not-found", "No such record"),
    RESOURCE_NOT_FOUND(404, "resource-not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Cannot answer in an acceptable media type"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency-Key was already used for a different request"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request is larger than allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Request body must be application/json"),
    INTERNAL_ERROR(500, "internal-error", "The hub could not complete the request"),
    TIMESTAMPING_UNAVAILABLE(503, "timestamping-unavailable", "The message log cannot be time-stamped; not accepting");

    public static final String TYPE_BASE = "https://lmi.molisa.gov.vn/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(TYPE_BASE + slug);
    }
}
