package vn.gov.lmi.hub.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.PemFiles;
import vn.gov.lmi.hub.xml.HardenedXml;
import vn.gov.lmi.hub.xml.SoapSecurity;

/**
 * Requests as a partner sends them: each with a new dossier (its own record key), a new Idempotency-Key and a
 * detached JWS by the partner's key bound to the dataset and the key (or, for SOAP, an envelope signed with
 * WS-Security). A pool is signed before the load starts, so the partner's signing does not compete with the
 * hub for the shared cores; past the pool, requests are signed as they are sent.
 */
final class SignedRequests implements Iterator<Map<String, Object>> {

    static final String DATASET = "dossier-status";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private final String kind;
    private final int batch;
    private final HubSigner signer;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Deque<Map<String, Object>> pool = new ArrayDeque<>();

    SignedRequests(Path certs, String partner, String kind, int batch, int pooled) {
        this.kind = kind;
        this.batch = batch;
        this.key = PemFiles.readPrivateKey(certs.resolve("partners/" + partner + ".key.pem"));
        List<X509Certificate> chain = PemFiles.readCertificates(certs.resolve("partners/" + partner + ".crt.pem"));
        this.certificate = chain.get(0);
        this.signer = new HubSigner(key, chain);
        IntStream.range(0, pooled).parallel().mapToObj(i -> next0()).forEachOrdered(pool::add);
    }

    /** A new dossier-status record (about 450 bytes), valid against the dataset's schema. */
    static String record(long n) {
        return "{\"maHoSo\":\"000.00.20.H26-BENCH-" + n + "\",\"maTTHC\":\"1.000105\",\"tenTTHC\":\"Cấp giấy phép lao động "
                + "cho người lao động nước ngoài làm việc tại Việt Nam\",\"trangThaiHoSo\":\"2\",\"ngayTiepNhan\":"
                + "\"2025-11-24T08:15:00+07:00\",\"ngayHenTra\":\"2025-12-03T17:00:00+07:00\",\"nguoiXuLy\":\"Phạm Thị Ngọc Ánh\","
                + "\"thoiDiemXuLy\":\"2025-11-24T08:15:00+07:00\",\"coQuanXuLy\":\"000.00.20.H26\"}";
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public synchronized Map<String, Object> next() {
        Map<String, Object> pooled = pool.poll();
        return pooled != null ? pooled : next0();
    }

    private Map<String, Object> next0() {
        String idempotencyKey = "bench-" + UUID.randomUUID();
        if (kind.equals("soap")) {
            return Map.of("body", soap(SEQUENCE.incrementAndGet(), idempotencyKey));
        }
        String body = batch == 1 ? record(SEQUENCE.incrementAndGet())
                : "[" + String.join(",", IntStream.range(0, batch).mapToObj(i -> record(SEQUENCE.incrementAndGet())).toList()) + "]";
        String signature = signer.signDetached(body.getBytes(StandardCharsets.UTF_8),
                Map.of("lmi-dataset", DATASET, "lmi-idempotency-key", idempotencyKey));
        return Map.of("body", body, "key", idempotencyKey, "signature", signature);
    }

    /** SubmitRecords with one record as W3C JSON-in-XML, WS-Security signed (Body and Timestamp), 15 min valid. */
    private String soap(long n, String idempotencyKey) {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:lmi=\"https://lmi.molisa.gov.vn/ws/exchange/1\" xmlns:fn=\"http://www.w3.org/2005/xpath-functions\">"
                + "<soap:Body><lmi:SubmitRecords><lmi:Dataset>" + DATASET + "</lmi:Dataset><lmi:IdempotencyKey>" + idempotencyKey
                + "</lmi:IdempotencyKey><lmi:Record><fn:map>"
                + "<fn:string key=\"maHoSo\">000.00.20.H26-SOAP-" + n + "</fn:string>"
                + "<fn:string key=\"maTTHC\">1.000105</fn:string><fn:string key=\"trangThaiHoSo\">2</fn:string>"
                + "<fn:string key=\"ngayTiepNhan\">2025-11-24T08:15:00+07:00</fn:string>"
                + "<fn:string key=\"nguoiXuLy\">Phạm Thị Ngọc Ánh</fn:string>"
                + "<fn:string key=\"coQuanXuLy\">000.00.20.H26</fn:string>"
                + "</fn:map></lmi:Record></lmi:SubmitRecords></soap:Body></soap:Envelope>";
        try {
            org.w3c.dom.Document document = new HardenedXml(1 << 20, 64).parse(envelope.getBytes(StandardCharsets.UTF_8));
            SoapSecurity.sign(document, key, certificate, Instant.now(), Duration.ofMinutes(15));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a SOAP request", e);
        }
    }
}
