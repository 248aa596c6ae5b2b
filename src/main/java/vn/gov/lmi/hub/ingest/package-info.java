/**
 * The one inbound pipeline every transport feeds: parse, validate every record, derive keys, store all or
 * nothing under the idempotency key, answer with a receipt, count and log (never a personal identifier).
 */
package vn.gov.lmi.hub.ingest;
