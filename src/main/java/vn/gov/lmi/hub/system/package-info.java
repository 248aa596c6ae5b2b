/** Start-up wiring: the hub home and install folders, typed settings, and catalog registration in the store. */
package vn.gov.lmi.hub.system;
