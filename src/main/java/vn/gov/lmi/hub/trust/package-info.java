/** Digests now; keys, certificates and signatures as the hub learns to sign what it says. */
package vn.gov.lmi.hub.trust;
