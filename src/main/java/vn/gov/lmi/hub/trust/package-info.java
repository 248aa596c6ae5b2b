/**
 * Keys, certificates and signatures: certificate validation (PKIX, CRL, algorithm and key policy), partners'
 * JWS verification, the hub's own JWS and CMS signatures, PEM/PKCS#12 files.
 */
package vn.gov.lmi.hub.trust;
