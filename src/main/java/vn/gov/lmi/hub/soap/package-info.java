/**
 * The SOAP exchange (wsdl/): CXF endpoint, WS-Security checks, JSON-in-XML records, all on the shared ingest
 * pipeline, store, grants and message log.
 */
package vn.gov.lmi.hub.soap;
