/**
 * The REST exchange API (Camel REST DSL on platform-http, OpenAPI generated from it) and the problem+json
 * answers (RFC 9457) for every refusal, including those Spring MVC gives before a route is reached.
 */
package vn.gov.lmi.hub.api;
