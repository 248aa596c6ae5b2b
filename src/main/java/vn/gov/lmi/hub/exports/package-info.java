/** Signed dataset exports: NDJSON files with a detached CMS (.p7s) signature by the hub. */
package vn.gov.lmi.hub.exports;
