package vn.gov.lmi.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import vn.gov.lmi.hub.trust.pki.CertificateAuthority;

/**
 * A stand-in for a partner: an RFC 3161 time-stamping authority over HTTP on localhost, built with BouncyCastle
 * TSP and a TSA certificate from the demo CA. It can be stopped and started again on the same port.
 */
public final class FakeTimestampAuthority implements AutoCloseable {

    private final KeyPair keys = CertificateAuthority.ecKeys("secp256r1");
    private final X509Certificate certificate;
    private final AtomicLong serial = new AtomicLong();
    private final int port;
    private HttpServer server;

    public FakeTimestampAuthority() throws IOException {
        CertificateAuthority ca = TestPartners.demoCa();
        certificate = ca.issue("CN=Test TSA", keys.getPublic(), CertificateAuthority.Profile.TIME_STAMPING,
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        port = server.getAddress().getPort();
        serve();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/tsr");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public void stop() {
        server.stop(0);
    }

    public void restart() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        serve();
    }

    private void serve() {
        server.createContext("/tsr", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                TimeStampRequest request = new TimeStampRequest(in.readAllBytes());
                TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                        .build("SHA256withECDSA", keys.getPrivate(), certificate), new org.bouncycastle.operator.jcajce
                        .JcaDigestCalculatorProviderBuilder().build().get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        NISTObjectIdentifiers.id_sha256)), new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
                tokens.addCertificates(new JcaCertStore(List.of(certificate)));
                TimeStampResponse response = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                        .generate(request, BigInteger.valueOf(serial.incrementAndGet()), new Date());
                byte[] body = response.getEncoded();
                exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        stop();
    }
}
