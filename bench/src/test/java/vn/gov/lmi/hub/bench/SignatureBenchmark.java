package vn.gov.lmi.hub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.JwsPolicy;
import vn.gov.lmi.hub.trust.PemFiles;

/**
 * Baseline: detached JWS signing and verification per second, with the hub's own signer and verifier, for each
 * algorithm configured in the demo PKI: the hub's answers (ES256, P-256), and partner submissions signed with
 * ES256 (npsp), ES384 (dolisa-hanoi) and PS256 (molisa-portal, RSA 2048). Verification is the hub's own for every
 * submission: the x5c chain's path and CRL check (remembered after the first, as in the hub) and the signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {

    @Param({"hub/hub-signing", "partners/npsp", "partners/dolisa-hanoi", "partners/molisa-portal"})
    public String signer;

    private HubSigner hubSigner;
    private CertificateValidator validator;
    private final byte[] body = SignedRequests.record(1).getBytes(StandardCharsets.UTF_8);
    private final Map<String, Object> bound = Map.of("lmi-dataset", SignedRequests.DATASET, "lmi-idempotency-key", "bench-key");
    private String signature;

    @Setup
    public void setUp() {
        Path certs = Path.of(System.getProperty("bench.certs", "certs-example"));
        hubSigner = new HubSigner(PemFiles.readPrivateKey(certs.resolve(signer + ".key.pem")),
                PemFiles.readCertificates(certs.resolve(signer + ".crt.pem")));
        validator = new CertificateValidator(List.of(PemFiles.readCertificate(certs.resolve("ca/root-ca.crt.pem"))),
                List.of(PemFiles.readCrl(certs.resolve("ca/root-ca.crl.pem"))), 2048);
        signature = sign();
    }

    @Benchmark
    public String sign() {
        return hubSigner.signDetached(body, bound);
    }

    @Benchmark
    public Object verify() {
        return JwsPolicy.verify(signature, body, validator);
    }
}
