package vn.gov.lmi.hub.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertChainUtils;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/**
 * Decides whether a certificate chain may identify a partner: every certificate in date, signed with an allowed
 * algorithm, with a strong enough key, chaining to a configured trust anchor, and not revoked according to the
 * configured CRLs (a CA without a current CRL fails closed). Refusals name the certificate and the reason.
 * <p>
 * A chain that passed is remembered until the first instant its verdict could change: the earliest end of
 * validity among its certificates and the configured CRLs' next updates. The verdict depends on nothing else
 * (anchors and CRLs are fixed for this validator's life; a new registry brings a new validator), so a partner
 * that sends the same chain with every request pays for its path validation once.
 */
public final class CertificateValidator {

    /** Certificate signature algorithms accepted anywhere in a chain (no SHA-1, MD5 or DSA). */
    private static final Set<String> CERTIFICATE_ALGORITHMS = Set.of(
            "SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA", "RSASSA-PSS",
            "SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA");
    /** P-256 and P-384: the curves of ES256 and ES384, the JWS algorithms partners may use. */
    private static final Set<Integer> EC_FIELD_SIZES = Set.of(256, 384);
    private static final Set<String> PSS_DIGESTS = Set.of("SHA-256", "SHA-384", "SHA-512");

    /** The most chains remembered; beyond it the memory starts over. */
    private static final int REMEMBERED_CHAINS = 1024;

    private final Set<TrustAnchor> anchors;
    private final List<X509CRL> crls;
    private final int minRsaBits;
    private final Clock clock;
    /** The earliest next update among the CRLs: no verdict is remembered beyond it. */
    private final Instant crlsLapse;
    /** Chains that passed, by their certificates or by their x5c text, with the instant the verdict lapses. */
    private final Map<List<?>, Passed> passed = new ConcurrentHashMap<>();

    private record Passed(List<X509Certificate> chain, Instant lapses) {
    }

    public CertificateValidator(List<X509Certificate> anchors, List<X509CRL> crls, int minRsaBits) {
        this(anchors, crls, minRsaBits, Clock.systemUTC());
    }

    /** Validates as of {@code clock}'s time: certificate dates, CRL currency and remembered verdicts alike. */
    CertificateValidator(List<X509Certificate> anchors, List<X509CRL> crls, int minRsaBits, Clock clock) {
        this.clock = clock;
        this.anchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toUnmodifiableSet());
        this.crls = List.copyOf(crls);
        this.minRsaBits = minRsaBits;
        this.crlsLapse = earliest(this.crls.stream().map(X509CRL::getNextUpdate));
    }

    /**
     * Validates {@code chain} (leaf first, trust anchor optional) and returns the leaf, or throws the problem
     * that says why it is refused.
     */
    public X509Certificate validate(List<X509Certificate> chain) {
        List<X509Certificate> key = List.copyOf(chain);
        if (remembered(key) == null) {
            check(key);
            remember(key, key);
        }
        return key.get(0);
    }

    /**
     * The chain of a JWS header's {@code x5c} (leaf first), parsed and validated; the same text sent again is
     * neither decoded nor validated again while its verdict holds.
     *
     * @throws ParseException if an entry is not a DER certificate
     */
    public List<X509Certificate> validateX5c(List<Base64> x5c) throws ParseException {
        List<String> key = x5c.stream().map(Base64::toString).toList();
        List<X509Certificate> known = remembered(key);
        if (known != null) {
            return known;
        }
        List<X509Certificate> chain = List.copyOf(X509CertChainUtils.parse(x5c));
        check(chain);
        remember(key, chain);
        return chain;
    }

    private List<X509Certificate> remembered(List<?> key) {
        Passed hit = passed.get(key);
        return hit != null && clock.instant().isBefore(hit.lapses()) ? hit.chain() : null;
    }

    private void remember(List<?> key, List<X509Certificate> chain) {
        if (passed.size() >= REMEMBERED_CHAINS) {
            passed.clear(); // far more chains than partners have: start over rather than track usage
        }
        Instant lapses = earliest(Stream.concat(chain.stream().map(X509Certificate::getNotAfter),
                Stream.of(crlsLapse == null ? null : Date.from(crlsLapse))));
        passed.put(key, new Passed(chain, lapses == null ? Instant.MAX : lapses));
    }

    private static Instant earliest(Stream<Date> instants) {
        return instants.filter(java.util.Objects::nonNull).map(Date::toInstant).min(Instant::compareTo).orElse(null);
    }

    private void check(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new ProblemException(ProblemType.CLIENT_CERTIFICATE_REQUIRED, "no certificate was presented");
        }
        for (X509Certificate certificate : chain) {
            checkDates(certificate, Date.from(clock.instant()));
            checkAlgorithm(certificate);
            checkKey(certificate.getPublicKey(), name(certificate));
        }
        checkPath(chain);
    }

    /** RSA below the minimum, or an EC key off P-256/P-384/P-521, is refused. */
    public void checkKey(PublicKey key, String owner) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < minRsaBits) {
            throw new ProblemException(ProblemType.KEY_TOO_WEAK, owner + " has an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; at least " + minRsaBits + " are required");
        }
        if (key instanceof ECPublicKey ec && !EC_FIELD_SIZES.contains(ec.getParams().getCurve().getField().getFieldSize())) {
            throw new ProblemException(ProblemType.KEY_TOO_WEAK, owner + " has an EC key on a "
                    + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve; P-256 or P-384 is required");
        }
        if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
            throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, owner + " has a " + key.getAlgorithm()
                    + " key; only RSA and EC keys are accepted");
        }
    }

    private static void checkDates(X509Certificate certificate, Date now) {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new ProblemException(ProblemType.CERTIFICATE_EXPIRED, name(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new ProblemException(ProblemType.CERTIFICATE_EXPIRED, name(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    private static void checkAlgorithm(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.equals("RSASSA-PSS")) {
            checkPssDigests(certificate);
            return;
        }
        if (!CERTIFICATE_ALGORITHMS.contains(algorithm)) {
            throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, name(certificate) + " is signed with "
                    + certificate.getSigAlgName() + "; allowed are SHA-256/384/512 with RSA, RSASSA-PSS or ECDSA"
                    + (algorithm.contains("SHA1") ? " (SHA-1 is not allowed)" : ""));
        }
    }

    /** RSASSA-PSS names its hash in parameters (absent parameters mean SHA-1): both hashes must be SHA-2. */
    private static void checkPssDigests(X509Certificate certificate) {
        try {
            java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("RSASSA-PSS");
            byte[] encoded = certificate.getSigAlgParams();
            if (encoded == null) {
                throw new GeneralSecurityException("no parameters: SHA-1 by default");
            }
            parameters.init(encoded);
            java.security.spec.PSSParameterSpec pss = parameters.getParameterSpec(java.security.spec.PSSParameterSpec.class);
            String mgfDigest = pss.getMGFParameters() instanceof java.security.spec.MGF1ParameterSpec mgf ? mgf.getDigestAlgorithm() : "?";
            if (!PSS_DIGESTS.contains(pss.getDigestAlgorithm()) || !PSS_DIGESTS.contains(mgfDigest)) {
                throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, name(certificate) + " is signed with "
                        + "RSASSA-PSS over " + pss.getDigestAlgorithm() + " (MGF1 " + mgfDigest + "); SHA-256/384/512 are allowed");
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, name(certificate)
                    + " is signed with RSASSA-PSS whose hash cannot be read as SHA-2 (" + e.getMessage() + ")");
        }
    }

    private void checkPath(List<X509Certificate> chain) {
        List<X509Certificate> path = chain.stream()
                .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c)))
                .toList();
        if (path.isEmpty() || !path.get(0).equals(chain.get(0))) {
            throw new ProblemException(ProblemType.CERTIFICATE_UNTRUSTED, name(chain.get(0))
                    + " is a trust anchor, not a partner certificate");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setDate(Date.from(clock.instant()));
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.setRevocationEnabled(true);
            parameters.addCertPathChecker(revocation);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            validator.validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw refusal(chain.get(0), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new ProblemException(ProblemType.CERTIFICATE_UNTRUSTED, "no trust anchor is configured");
        } catch (GeneralSecurityException e) {
            throw new ProblemException(ProblemType.CERTIFICATE_UNTRUSTED, name(chain.get(0))
                    + " could not be validated: " + e.getMessage());
        }
    }

    private static ProblemException refusal(X509Certificate leaf, CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return new ProblemException(ProblemType.CERTIFICATE_REVOKED, name(leaf) + " is revoked by its CA's CRL");
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return new ProblemException(ProblemType.CERTIFICATE_EXPIRED, name(leaf) + " or its issuer has expired");
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return new ProblemException(ProblemType.CERTIFICATE_UNTRUSTED, name(leaf)
                    + " has no current CRL from its CA among the hub's configured CRLs; revocation cannot be checked");
        }
        return new ProblemException(ProblemType.CERTIFICATE_UNTRUSTED, name(leaf)
                + " (issued by '" + leaf.getIssuerX500Principal().getName() + "') does not chain to a CA the hub trusts");
    }

    /** How a certificate is named in refusals: subject and SHA-256 fingerprint. */
    public static String name(X509Certificate certificate) {
        return "certificate '" + certificate.getSubjectX500Principal().getName() + "' (SHA-256 "
                + Fingerprints.sha256(certificate) + ")";
    }
}
