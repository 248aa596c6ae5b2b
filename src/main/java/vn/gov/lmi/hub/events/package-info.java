/**
 * Durable record events: the transactional outbox written by the store is drained, in change order, to one
 * Artemis multicast address per dataset, with broker duplicate detection keyed by dataset and sequence.
 */
package vn.gov.lmi.hub.events;
