/** The partner registry (routes/partners.yaml): identities, certificates, grants and withheld fields. */
package vn.gov.lmi.hub.partners;
