package vn.gov.lmi.hub.store;

/** A validated record ready to store; {@code payloadJson} is the record exactly as it will be served. */
public record NewRecord(String key, String provinceCode, String period, String payloadJson, String payloadSha256) {
}
