/**
 * The tamper-evident message log: one hash-chained entry per exchange, its verifier ({@code audit verify})
 * and optional RFC 3161 time-stamping of the chain head.
 */
package vn.gov.lmi.hub.audit;
