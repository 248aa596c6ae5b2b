package vn.gov.lmi.hub.trust.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made with BouncyCastle: creates key pairs, a self-signed root, end-entity
 * certificates and CRLs. Used by {@code pki init} for the demo PKI and by tests for odd certificates
 * (weak keys, SHA-1 signatures) that the hub must refuse.
 */
public final class CertificateAuthority {

    /** What an issued certificate is for; decides its key usage and extended key usage. */
    public enum Profile { TLS_SERVER, TLS_CLIENT_AND_SIGNING, DOCUMENT_SIGNING, TIME_STAMPING }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Not registered with the JVM: used here only, so that every signature algorithm name BC knows works. */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509CRLEntrySpec> revoked = new ArrayList<>();

    private record X509CRLEntrySpec(BigInteger serial, Instant when) {
    }

    public CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A self-signed root CA valid from {@code notBefore} to {@code notAfter}. */
    public static CertificateAuthority createRoot(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            X500Name name = new X500Name(subject);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate root = toCertificate(builder.build(signer(keys.getPrivate(), defaultSignatureAlgorithm(keys.getPrivate()))));
            return new CertificateAuthority(root, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create root CA " + subject, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate issue(String subject, java.security.PublicKey subjectKey, Profile profile,
                                 Instant notBefore, Instant notAfter, List<String> dnsNames) {
        return issue(subject, subjectKey, profile, notBefore, notAfter, dnsNames, defaultSignatureAlgorithm(privateKey));
    }

    /** Issues an end-entity certificate, signed with {@code signatureAlgorithm} (e.g. SHA256withRSA). */
    public X509Certificate issue(String subject, java.security.PublicKey subjectKey, Profile profile,
                                 Instant notBefore, Instant notAfter, List<String> dnsNames, String signatureAlgorithm) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(notBefore),
                    Date.from(notAfter), new X500Name(subject), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            switch (profile) {
                case TLS_SERVER -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                case TLS_CLIENT_AND_SIGNING -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                case DOCUMENT_SIGNING -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                case TIME_STAMPING -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream()
                        .map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return toCertificate(builder.build(signer(privateKey, signatureAlgorithm)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    /** Marks a certificate revoked in the CRLs this authority makes from now on. */
    public void revoke(X509Certificate issued, Instant when) {
        revoked.add(new X509CRLEntrySpec(issued.getSerialNumber(), when));
    }

    public X509CRL crl(Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    new X509CertificateHolder(certificate.getEncoded()).getSubject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509CRLEntrySpec entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.when()), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(privateKey, defaultSignatureAlgorithm(privateKey))));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create CRL", e);
        }
    }

    public static KeyPair rsaKeys(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** An EC key pair on a named curve: secp256r1 (P-256) or secp384r1 (P-384). */
    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation failed", e);
        }
    }

    private static String defaultSignatureAlgorithm(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key, String algorithm) throws OperatorCreationException {
        return new JcaContentSignerBuilder(algorithm).setProvider(BOUNCY_CASTLE).build(key);
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
