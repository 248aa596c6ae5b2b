/**
 * The internal store: every accepted version of every record, the per-dataset change sequence that drives
 * incremental pulls, first receipts per idempotency key, and the event outbox. Plain SQL for H2 and PostgreSQL.
 */
package vn.gov.lmi.hub.store;
