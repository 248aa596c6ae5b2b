/** Certificate authority tooling (BouncyCastle) behind {@code pki init}: the demo PKI, for testing only. */
package vn.gov.lmi.hub.trust.pki;
