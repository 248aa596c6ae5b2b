package vn.gov.lmi.hub.delivery;

/**
 * One attempt's message, as every transport sends it: the body (already restricted, mapped, validated), the
 * hub's detached JWS over it, the stable delivery id, and whether the partner may have seen it before.
 * {@code duplicateId} is what broker duplicate detection keys on: the delivery id, or a fresh value for an
 * operator's replay or resend, which must get through.
 */
public record OutgoingDelivery(String deliveryId, String duplicateId, byte[] body, String signature, int attempt,
                               boolean redelivery, String keyHash) {
}
