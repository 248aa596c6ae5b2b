package vn.gov.lmi.hub.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.trust.HubSigner;

/**
 * The partner port's front door: every request must come with a TLS client certificate that validates (chain,
 * dates, CRL, algorithm, key size) and belongs to a registered partner or operator; {@code /ops/} paths take
 * operators only. Refusals are signed problem documents and entries in the message log. The management port
 * (health, metrics) is a separate server this filter does not sit on.
 */
@Component
public class ClientCertificateFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link Partner}. */
    public static final String PARTNER = "lmi.partner";
    static final String OPERATOR_PATH_PREFIX = "/ops/";
    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final Logger log = LoggerFactory.getLogger(ClientCertificateFilter.class);
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
    }

    private final PartnerRegistry registry;
    private final MessageLog messageLog;
    private final ProblemResponder problems;
    private final HttpResponses responses;

    public ClientCertificateFilter(PartnerRegistry registry, MessageLog messageLog, ProblemResponder problems,
                                   HttpResponses responses) {
        this.registry = registry;
        this.messageLog = messageLog;
        this.problems = problems;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate[] presented = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
        Partner partner = null;
        try {
            if (presented == null || presented.length == 0) {
                throw new ProblemException(ProblemType.CLIENT_CERTIFICATE_REQUIRED, "connect over HTTPS with your "
                        + "partner certificate (e.g. curl --cert partner.crt.pem --key partner.key.pem)");
            }
            partner = registry.authenticate(List.of(presented));
            boolean operatorPath = isOperatorPath(request);
            if (operatorPath && !partner.isOperator()) {
                throw new ProblemException(ProblemType.OPERATOR_REQUIRED, "'" + partner.id() + "' is a partner; "
                        + "the operator API needs an operator certificate registered under operators:");
            }
            if (!operatorPath && partner.isOperator()) {
                throw new ProblemException(ProblemType.GRANT_MISSING, "operator '" + partner.id() + "' holds no "
                        + "dataset grants; the exchange API is for partners");
            }
        } catch (ProblemException refused) {
            refuse(request, response, partner, refused);
            return;
        }
        request.setAttribute(PARTNER, partner);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Partner partner, ProblemException refused)
            throws IOException {
        String messageId = UUID.randomUUID().toString();
        String who = partner == null ? LoggedExchange.UNAUTHENTICATED : partner.id();
        // an unauthenticated sender's signature header is not kept: anyone could fill the log with it
        messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, who, null, "authenticate", messageId, null,
                partner == null ? null : request.getHeader(HubSigner.SIGNATURE_HEADER), refused.type().slug(),
                request.getMethod() + " " + pathWithoutRecordKey(PATHS.getPathWithinApplication(request)) + ": "
                        + refused.detail()));
        log.info("refused {} {} from {}: {}", request.getMethod(), pathWithoutRecordKey(PATHS.getPathWithinApplication(request)),
                who, refused.type().slug());
        byte[] body = problems.render(refused).getBytes(StandardCharsets.UTF_8);
        response.setStatus(refused.type().status());
        response.setContentType(HttpResponses.PROBLEM_JSON + ";charset=UTF-8");
        response.setHeader(HubSigner.SIGNATURE_HEADER, responses.sign(body, refused.type().status(), messageId));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Whether the request goes to the operator API, judged on the path as the router matches it: percent-decoded,
     * {@code ;parameters} removed (so {@code /%6Fps/} and {@code /ops;x/} are operator paths too).
     */
    static boolean isOperatorPath(HttpServletRequest request) {
        return PATHS.getPathWithinApplication(request).startsWith(OPERATOR_PATH_PREFIX);
    }

    /**
     * Record keys may hold citizen or passport numbers: neither logs nor the message log keep them. Takes a decoded
     * path and keeps at most {@code /api/v1/datasets/<id>/records}.
     */
    static String pathWithoutRecordKey(String path) {
        int records = path.indexOf("/records");
        return records < 0 ? path : path.substring(0, records) + "/records" + (path.length() > records + 8 ? "/…" : "");
    }
}
