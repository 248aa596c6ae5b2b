package vn.gov.lmi.hub.store;

/**
 * What storing one record did.
 *
 * @param status {@code created} (version 1), {@code updated} (a new version) or {@code unchanged}
 *               (same content as the latest version, which is returned; nothing new is stored)
 */
public record RecordOutcome(String key, int version, String status) {
}
