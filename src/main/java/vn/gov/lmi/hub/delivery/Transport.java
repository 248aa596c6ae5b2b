package vn.gov.lmi.hub.delivery;

/** Sends one attempt to a partner; a failure says whether retrying can help. */
public interface Transport {

    void send(OutgoingDelivery delivery) throws DeliveryFailure;

    /** Where it sends, for logs and the message log (no credentials). */
    String target();

    /** Releases what the transport holds (a remote broker connection) once its route is removed. */
    default void close() {
    }
}
