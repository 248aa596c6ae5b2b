package vn.gov.lmi.hub.system;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogVerifier;
import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.PemFiles;
import vn.gov.lmi.hub.trust.pki.DemoPki;

/**
 * The hub's commands besides serving: {@code pki init <dir>} writes the demo PKI, {@code audit verify} checks
 * the message log's hash chain, {@code routes validate|test|templates} work on the route workspace. Any other arguments start the hub.
 */
public final class HubCommandLine {

    private static final Set<String> COMMANDS = Set.of("pki", "audit", "jws", "soap", "routes");

    private HubCommandLine() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        String command = String.join(" ", words.subList(0, Math.min(2, words.size())));
        try {
            switch (command) {
                case "pki init":
                    return pkiInit(words, Arrays.asList(args).contains("--force"), out, err);
                case "audit verify":
                    return auditVerify(springArgs, out, err);
                case "jws sign":
                    return jwsSign(words, options(args), out, err);
                case "soap sign":
                    return soapSign(words, options(args), out, err);
                case "routes validate":
                    return vn.gov.lmi.hub.routes.RoutesCommand.validate(words.size() > 2 ? words.get(2) : "routes", out, err);
                case "routes test":
                    return vn.gov.lmi.hub.routes.RoutesCommand.test(words.size() > 2 ? words.get(2) : "routes", out);
                case "routes templates":
                    return vn.gov.lmi.hub.routes.RoutesCommand.templates(words.size() > 2 ? words.get(2) : null, out);
                default:
                    err.println("unknown command '" + String.join(" ", words) + "'. Commands:\n"
                            + "  pki init <dir> [--force]   write the demo PKI (for testing only) into <dir>\n"
                            + "  audit verify [--hub.home=<dir>] [--spring.datasource.url=...]   check the message log chain\n"
                            + "  jws sign <body-file> --key=<key.pem> --cert=<cert.pem> --dataset=<id> --idempotency-key=<key>\n"
                            + "                             print the detached JWS a partner sends in X-JWS-Signature\n"
                            + "  soap sign <envelope-file> --key=<key.pem> --cert=<cert.pem>\n"
                            + "                             print the envelope with a WS-Security header (Body and Timestamp signed, valid 5 min)\n"
                            + "  routes validate [dir]       check the route workspace (default routes/); prints file:line: message\n"
                            + "  routes test [dir]           run mapping examples and route tests against the real templates\n"
                            + "  routes templates [file]     print (or write) the route template reference, routes/TEMPLATES.md");
                    return 2;
            }
        } catch (RuntimeException | java.io.IOException e) {
            err.println(command + " failed: " + e.getMessage());
            return 2;
        }
    }

    private static java.util.Map<String, String> options(String[] args) {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        return options;
    }

    private static int jwsSign(List<String> words, java.util.Map<String, String> options, PrintStream out, PrintStream err)
            throws java.io.IOException {
        List<String> required = List.of("key", "cert", "dataset", "idempotency-key");
        if (words.size() != 3 || !options.keySet().containsAll(required)) {
            err.println("usage: jws sign <body-file> --key=<key.pem> --cert=<cert.pem> --dataset=<id> --idempotency-key=<key>");
            return 2;
        }
        HubSigner signer = new HubSigner(PemFiles.readPrivateKey(Path.of(options.get("key"))),
                PemFiles.readCertificates(Path.of(options.get("cert"))));
        byte[] body = java.nio.file.Files.readAllBytes(Path.of(words.get(2)));
        out.println(signer.signDetached(body, java.util.Map.of(
                SubmissionSignatures.BOUND_DATASET, options.get("dataset"),
                SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, options.get("idempotency-key"))));
        return 0;
    }

    private static int soapSign(List<String> words, java.util.Map<String, String> options, PrintStream out, PrintStream err)
            throws java.io.IOException {
        if (words.size() != 3 || !options.keySet().containsAll(List.of("key", "cert"))) {
            err.println("usage: soap sign <envelope-file> --key=<key.pem> --cert=<cert.pem>");
            return 2;
        }
        org.w3c.dom.Document envelope = new vn.gov.lmi.hub.xml.HardenedXml(16 << 20, 64)
                .parse(java.nio.file.Files.readAllBytes(Path.of(words.get(2))));
        vn.gov.lmi.hub.xml.SoapSecurity.sign(envelope, PemFiles.readPrivateKey(Path.of(options.get("key"))),
                PemFiles.readCertificate(Path.of(options.get("cert"))), java.time.Instant.now(), java.time.Duration.ofMinutes(5));
        try {
            javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(
                    new javax.xml.transform.dom.DOMSource(envelope), new javax.xml.transform.stream.StreamResult(out));
        } catch (javax.xml.transform.TransformerException e) {
            err.println("cannot write the signed envelope: " + e.getMessage());
            return 2;
        }
        out.println();
        return 0;
    }

    private static int pkiInit(List<String> words, boolean force, PrintStream out, PrintStream err) {
        if (words.size() != 3) {
            err.println("usage: pki init <dir> [--force]");
            return 2;
        }
        Path dir = Path.of(words.get(2)).toAbsolutePath().normalize();
        if (DemoPki.existsIn(dir) && !force) {
            err.println(dir + " already holds a demo PKI (ca/root-ca.crt.pem); add --force to replace it");
            return 2;
        }
        try {
            List<Path> written = DemoPki.generate(dir);
            out.println("demo PKI (FOR TESTING ONLY) written to " + dir + ": " + written.size() + " files");
            written.forEach(f -> out.println("  " + dir.relativize(f)));
            return 0;
        } catch (java.io.IOException e) {
            err.println("cannot write the demo PKI to " + dir + ": " + e.getMessage());
            return 2;
        }
    }

    private static int auditVerify(String[] springArgs, PrintStream out, PrintStream err) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuditCommand.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "spring.main.banner-mode=off")
                .run(springArgs)) {
            MessageLogVerifier.Result result = context.getBean(MessageLogVerifier.class).verify();
            (result.intact() ? out : err).println(result.describe());
            return result.intact() ? 0 : 1;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("cannot read the message log: " + root.getMessage()
                    + "\n(an embedded H2 database is locked while the hub runs: stop it first, or ask the running hub: "
                    + "GET /ops/v1/audit/verify with an operator certificate)");
            return 2;
        }
    }

    /** Only what reading the message log needs: the data source from the hub's own configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class})
    @Import({MessageLog.class, MessageLogVerifier.class})
    static class AuditCommand {
    }
}
