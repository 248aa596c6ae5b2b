package vn.gov.lmi.hub.soap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.catalog.Violation;
import vn.gov.lmi.hub.ingest.IngestResult;
import vn.gov.lmi.hub.ingest.IngestService;
import vn.gov.lmi.hub.ingest.Submission;
import vn.gov.lmi.hub.partners.FieldRestrictions;
import vn.gov.lmi.hub.partners.Grant;
import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.store.PageQuery;
import vn.gov.lmi.hub.store.RecordStore;
import vn.gov.lmi.hub.store.StoredRecord;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.Digests;
import vn.gov.lmi.hub.trust.Fingerprints;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.xml.HardenedXml;
import vn.gov.lmi.hub.xml.SoapSecurity;
import vn.gov.lmi.hub.xml.XmlRefused;

/**
 * The SOAP service behind {@code /services/exchange}: one envelope in, one signed envelope out. It reads the
 * request with the hardened parser, verifies WS-Security (the signer must be the TLS partner, the signature
 * fresh and not seen before), validates the payload against {@code wsdl/lmi-exchange.xsd}, and then works on
 * the shared pipeline: the same ingest service, store, grants and withheld fields as REST. Every exchange is in
 * the message log.
 */
@Component
public class SoapExchange {

    public static final String NS = "https://lmi.molisa.gov.vn/ws/exchange/1";
    static final String DOSSIER_DATASET = "dossier-status";
    private static final Duration FRESHNESS = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(SoapExchange.class);

    private final HardenedXml xml;
    private final SoapSecurity security = new SoapSecurity(FRESHNESS, CLOCK_SKEW);
    private final Schema schema;
    private final PartnerRegistry registry;
    private final IngestService ingest;
    private final RecordStore store;
    private final DatasetCatalog catalog;
    private final FieldRestrictions restrictions;
    private final HubSigner signer;
    private final MessageLog messageLog;
    private final SoapReplayGuard replays;
    private final ObjectMapper json;
    private final JsonXml jsonXml;
    private final int maxPageSize;

    /** The answer: the signed envelope and whether it is a fault (HTTP 500). */
    public record Answer(byte[] envelope, boolean fault) {
    }

    public SoapExchange(HubProperties properties, PartnerRegistry registry, IngestService ingest, RecordStore store,
                        DatasetCatalog catalog, FieldRestrictions restrictions, HubSigner signer, MessageLog messageLog,
                        SoapReplayGuard replays, ObjectMapper json) {
        this.xml = new HardenedXml((int) Math.min(Integer.MAX_VALUE, properties.api().maxBodyBytes()), 64);
        this.schema = loadSchema(properties.installDir().resolve("wsdl/lmi-exchange.xsd"));
        this.registry = registry;
        this.ingest = ingest;
        this.store = store;
        this.catalog = catalog;
        this.restrictions = restrictions;
        this.signer = signer;
        this.messageLog = messageLog;
        this.replays = replays;
        this.json = json;
        this.jsonXml = new JsonXml(json);
        this.maxPageSize = properties.api().maxPageSize();
    }

    /** Handles one request; {@code partner} is the party the TLS client certificate identified. */
    public Answer handle(byte[] request, Partner partner) {
        String messageId = UUID.randomUUID().toString();
        String operation = "soap";
        String dataset = null;
        String signatureValue = null;
        try {
            Document envelope = xml.parse(request);
            SoapSecurity.Verified verified = security.verify(envelope, Instant.now());
            signatureValue = verified.signatureValue();
            checkSigner(verified.signer(), partner);
            if (!replays.firstTime(verified.replayKey(), Instant.now(), FRESHNESS)) {
                throw new SoapFault("Duplicate", "this signed request was received before (same signature); "
                        + "sign every request anew", List.of(), true);
            }
            Element payload = firstElement(verified.body());
            if (payload == null || !NS.equals(payload.getNamespaceURI())) {
                throw new SoapFault("WrongNamespace", "the Body must hold one operation element of " + NS, List.of(), true);
            }
            validate(payload);
            operation = payload.getLocalName();
            dataset = text(payload, "Dataset");
            Element response = dispatch(payload, partner, messageId, verified.signatureValue(), Digests.sha256Hex(request));
            Signed answer = signedEnvelope(response);
            if (!operation.equals("SubmitRecords") && !operation.equals("SyncDossierStatus")) {
                // what was disclosed, as sent: the digest of the signed answer and the hub's signature over it
                messageLog.append(new LoggedExchange(MessageLogEntry.Direction.OUT, partner.id(), dataset, "soap-" + operation,
                        messageId, Digests.sha256Hex(answer.bytes()), answer.signatureValue(), "served", null));
            }
            return new Answer(answer.bytes(), false);
        } catch (XmlRefused refused) {
            return fault(new SoapFault(refused.code(), refused.getMessage(), List.of(), true), partner, operation, dataset,
                    messageId, request, signatureValue);
        } catch (SoapFault refused) {
            return fault(refused, partner, operation, dataset, messageId, request, signatureValue);
        } catch (ProblemException refused) {
            return fault(fromProblem(refused), partner, operation, dataset, messageId, request, signatureValue);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NumberFormatException e) {
            return fault(new SoapFault("SchemaViolation", "a value cannot be read", List.of(), true),
                    partner, operation, dataset, messageId, request, signatureValue);
        } catch (RuntimeException unexpected) {
            log.error("SOAP {} from {} failed", operation, partner.id(), unexpected);
            return fault(new SoapFault("Unavailable", "the hub could not complete the request and stored nothing; "
                    + "retry later", List.of(), false), partner, operation, dataset, messageId, request, signatureValue);
        }
    }

    private void checkSigner(X509Certificate signerCertificate, Partner partner) {
        try {
            registry.validator().validate(List.of(signerCertificate));
        } catch (ProblemException refused) {
            throw new SoapFault("NotAuthorized", "the signing certificate is refused: " + refused.detail(), List.of(), true);
        }
        if (!partner.certificateFingerprints().contains(Fingerprints.sha256(signerCertificate))) {
            throw new SoapFault("NotAuthorized", "the request is signed with " + CertificateValidator.name(signerCertificate)
                    + ", which is not registered to '" + partner.id() + "', the TLS client", List.of(), true);
        }
    }

    private Element dispatch(Element payload, Partner partner, String messageId, String signatureValue, String requestSha256)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        Document out = newDocument();
        switch (payload.getLocalName()) {
            case "SubmitRecords":
                return submit(out, "SubmitRecordsResponse", text(payload, "Dataset"), text(payload, "IdempotencyKey"),
                        children(payload, "Record"), partner, messageId, signatureValue, requestSha256);
            case "SyncDossierStatus":
                return submit(out, "SyncDossierStatusResponse", DOSSIER_DATASET, text(payload, "IdempotencyKey"),
                        children(payload, "Dossier"), partner, messageId, signatureValue, requestSha256);
            case "GetRecords":
                return records(out, payload, partner);
            case "GetRecord":
                return record(out, payload, partner);
            case "GetDatasetCatalog":
                return catalog(out);
            default:
                throw new SoapFault("WrongNamespace", "no operation " + payload.getLocalName(), List.of(), true);
        }
    }

    private Element submit(Document out, String responseName, String datasetId, String idempotencyKey, List<Element> items,
                           Partner partner, String messageId, String signatureValue, String requestSha256)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        Dataset dataset = dataset(datasetId);
        requireGrant(partner, dataset, Operation.SUBMIT);
        ArrayNode records = json.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            records.add(jsonXml.toJson(firstElement(items.get(i)), "/" + i));
        }
        IngestResult result = ingest.submit(new Submission(messageId, dataset.id(), partner.id(), idempotencyKey,
                json.writeValueAsBytes(records), signatureValue));
        if (result.replayed()) {
            messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, partner.id(), dataset.id(), IngestService.OPERATION,
                    messageId, requestSha256, signatureValue, "replayed", "via SOAP"));
        }
        JsonNode receipt = json.readTree(result.receiptJson());
        Element response = out.createElementNS(NS, "lmi:" + responseName);
        Element receiptElement = add(out, response, "Receipt", null);
        add(out, receiptElement, "MessageId", receipt.path("messageId").asText());
        add(out, receiptElement, "Dataset", receipt.path("dataset").asText());
        add(out, receiptElement, "Accepted", receipt.path("accepted").asText());
        for (JsonNode outcome : receipt.path("records")) {
            Element item = add(out, receiptElement, "Outcome", null);
            add(out, item, "Key", outcome.path("key").asText());
            add(out, item, "Version", outcome.path("version").asText());
            add(out, item, "Status", outcome.path("status").asText());
        }
        add(out, receiptElement, "Sha256", receipt.path("sha256").asText());
        add(out, receiptElement, "ReceivedAt", receipt.path("receivedAt").asText());
        return response;
    }

    private Element records(Document out, Element payload, Partner partner) {
        Dataset dataset = dataset(text(payload, "Dataset"));
        Grant grant = requireGrant(partner, dataset, Operation.PULL);
        long after = text(payload, "After") == null ? 0 : Long.parseLong(text(payload, "After"));
        int limit = text(payload, "Limit") == null ? 100 : Math.min(maxPageSize, Math.max(1, Integer.parseInt(text(payload, "Limit"))));
        List<StoredRecord> rows = store.page(new PageQuery(dataset.id(), after, limit + 1, null, null, null));
        boolean hasMore = rows.size() > limit;
        List<StoredRecord> page = hasMore ? rows.subList(0, limit) : rows;
        Element response = out.createElementNS(NS, "lmi:GetRecordsResponse");
        add(out, response, "Dataset", dataset.id());
        for (StoredRecord row : page) {
            response.appendChild(storedRecord(out, "Record", dataset, grant, row));
        }
        add(out, response, "NextCursor", String.valueOf(page.isEmpty() ? after : page.get(page.size() - 1).seq()));
        add(out, response, "HasMore", String.valueOf(hasMore));
        return response;
    }

    private Element record(Document out, Element payload, Partner partner) {
        Dataset dataset = dataset(text(payload, "Dataset"));
        Grant grant = requireGrant(partner, dataset, Operation.PULL);
        restrictions.requireKeyLookupAllowed(dataset, grant);
        StoredRecord row = store.latest(dataset.id(), text(payload, "Key")).orElseThrow(() -> new ProblemException(
                ProblemType.RECORD_NOT_FOUND, "dataset '" + dataset.id() + "' has no record with this key"));
        Element response = out.createElementNS(NS, "lmi:GetRecordResponse");
        response.appendChild(storedRecord(out, "Record", dataset, grant, row));
        return response;
    }

    private Element catalog(Document out) {
        Element response = out.createElementNS(NS, "lmi:GetDatasetCatalogResponse");
        for (Dataset dataset : catalog.all()) {
            Element item = add(out, response, "Dataset", null);
            add(out, item, "Id", dataset.descriptor().id());
            add(out, item, "Version", dataset.descriptor().version());
            add(out, item, "Title", dataset.descriptor().title());
            add(out, item, "TitleVi", dataset.descriptor().titleVi());
            add(out, item, "LegalBasis", dataset.descriptor().legalBasis());
        }
        return response;
    }

    private Element storedRecord(Document out, String name, Dataset dataset, Grant grant, StoredRecord row) {
        ObjectNode node = json.createObjectNode().put("key", row.key()).put("version", row.version());
        try {
            node.set("data", json.readTree(row.payloadJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored payload of " + row.datasetId() + " seq " + row.seq() + " is not JSON", e);
        }
        ObjectNode shown = restrictions.apply(dataset, grant, node);
        Element element = out.createElementNS(NS, "lmi:" + name);
        add(out, element, "Key", shown.path("key").asText());
        add(out, element, "Version", String.valueOf(row.version()));
        add(out, element, "Seq", String.valueOf(row.seq()));
        add(out, element, "RecordedAt", row.recordedAt().toInstant().toString());
        Element data = add(out, element, "Data", null);
        data.appendChild(jsonXml.toXml(out, shown.path("data"), null));
        return element;
    }

    private Dataset dataset(String id) {
        return catalog.find(id).orElseThrow(() -> new ProblemException(ProblemType.DATASET_NOT_FOUND,
                "dataset '" + id + "' is not in the catalog; GetDatasetCatalog lists the datasets"));
    }

    private static Grant requireGrant(Partner partner, Dataset dataset, Operation operation) {
        return partner.grant(dataset.id(), operation).orElseThrow(() -> new ProblemException(ProblemType.GRANT_MISSING,
                "partner '" + partner.id() + "' has no '" + operation.label() + "' grant on dataset '" + dataset.id() + "'"));
    }

    private void validate(Element payload) {
        List<Violation> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            // an xsi:schemaLocation in the request must not make the hub fetch anything
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (org.xml.sax.SAXNotRecognizedException | org.xml.sax.SAXNotSupportedException e) {
            throw new IllegalStateException("the XML validator cannot be hardened: " + e.getMessage(), e);
        }
        validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(new Violation(0, "", "xsd", e.getMessage()));
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(new Violation(0, "", "xsd", e.getMessage()));
            }
        });
        try {
            validator.validate(new DOMSource(payload));
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            if (errors.isEmpty()) {
                errors.add(new Violation(0, "", "xsd", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new SoapFault("SchemaViolation", errors.size() + " violation(s) of lmi-exchange.xsd", errors, true);
        }
    }

    private Answer fault(SoapFault fault, Partner partner, String operation, String dataset, String messageId,
                         byte[] request, String signatureValue) {
        // the permanent log keeps where and which rule, never the messages: they may quote a name or an id
        messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, partner.id(), dataset, "soap-" + operation,
                messageId, Digests.sha256Hex(request), signatureValue, fault.code(), loggedDetail(fault)));
        log.info("refused SOAP {} from {}: {}", operation, partner.id(), fault.code());
        Document out = newDocument();
        Element soapFault = out.createElementNS(SoapSecurity.SOAP_NS, "soap:Fault");
        add(out, soapFault, null, "faultcode", (fault.senderFault() ? "soap:Client" : "soap:Server"));
        add(out, soapFault, null, "faultstring", fault.code() + ": " + fault.getMessage());
        Element detail = out.createElementNS(null, "detail");
        soapFault.appendChild(detail);
        Element faultDetail = out.createElementNS(NS, "lmi:FaultDetail");
        detail.appendChild(faultDetail);
        add(out, faultDetail, "Code", fault.code());
        add(out, faultDetail, "Detail", fault.getMessage());
        for (Violation violation : fault.violations()) {
            Element item = add(out, faultDetail, "Violation", null);
            add(out, item, "Index", String.valueOf(violation.index()));
            add(out, item, "Pointer", violation.pointer());
            add(out, item, "Rule", violation.rule());
            add(out, item, "Message", violation.message());
        }
        return new Answer(signedEnvelope(soapFault).bytes(), true);
    }

    private static String loggedDetail(SoapFault fault) {
        if (!fault.violations().isEmpty()) {
            return fault.violations().size() + " violation(s): " + String.join(", ", fault.violations().stream()
                    .map(v -> "[" + v.index() + "]" + v.pointer() + " " + v.rule()).toList());
        }
        return fault.getMessage().replaceAll("'[^']*'", "'…'");
    }

    private static SoapFault fromProblem(ProblemException problem) {
        String code = switch (problem.type()) {
            case VALIDATION_FAILED, MALFORMED_JSON, INVALID_PARAMETER, MISSING_IDEMPOTENCY_KEY -> "SchemaViolation";
            case GRANT_MISSING, FIELD_RESTRICTED, OPERATOR_REQUIRED -> "NotAuthorized";
            case IDEMPOTENCY_KEY_REUSED -> "Duplicate";
            case DATASET_NOT_FOUND, RECORD_NOT_FOUND -> "NotFound";
            case PAYLOAD_TOO_LARGE -> "Oversize";
            case TIMESTAMPING_UNAVAILABLE -> "Unavailable";
            default -> "Refused";
        };
        return new SoapFault(code, problem.detail(), problem.errors(), problem.type().status() < 500);
    }

    private record Signed(byte[] bytes, String signatureValue) {
    }

    /** A SOAP 1.1 envelope around {@code content}, signed by the hub (Body and Timestamp). */
    private Signed signedEnvelope(Element content) {
        Document document = newDocument();
        Element envelope = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Envelope");
        document.appendChild(envelope);
        Element body = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Body");
        envelope.appendChild(body);
        body.appendChild(document.importNode(content, true));
        String signatureValue = SoapSecurity.sign(document, signer.privateKey(), signer.chain().get(0), Instant.now(), FRESHNESS);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return new Signed(out.toByteArray(), signatureValue);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot write the SOAP answer", e);
        }
    }

    private static Element add(Document document, Element parent, String name, String text) {
        return add(document, parent, NS, name, text);
    }

    private static Element add(Document document, Element parent, String namespace, String name, String text) {
        Element element = namespace == null ? document.createElementNS(null, name) : document.createElementNS(namespace, "lmi:" + name);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    private static Document newDocument() {
        return SoapEnvelopes.newDocument();
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && NS.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static Schema loadSchema(Path file) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // the schema imports its sibling json-xml.xsd: local files only
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(file.toFile());
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException("the SOAP contract " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
