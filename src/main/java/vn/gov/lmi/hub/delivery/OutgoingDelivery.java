package vn.gov.lmi.hub.delivery;

/**
 * One attempt's message, as every transport sends it: the body (already restricted, mapped, validated), the
 * hub's detached JWS over it, the stable delivery id, and whether the partner may have seen it before.
 */
public record OutgoingDelivery(String deliveryId, byte[] body, String signature, int attempt, boolean redelivery,
                               String keyHash) {
}
