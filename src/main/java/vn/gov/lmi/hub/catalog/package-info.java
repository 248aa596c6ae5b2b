/**
 * The dataset catalog: descriptors and JSON Schemas read from {@code schemas/}, the hub's schema factory,
 * and the validation of records against a dataset (schema plus declared cross-field rules).
 */
package vn.gov.lmi.hub.catalog;
