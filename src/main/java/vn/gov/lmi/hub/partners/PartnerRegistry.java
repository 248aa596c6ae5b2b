package vn.gov.lmi.hub.partners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.Fingerprints;
import vn.gov.lmi.hub.trust.PemFiles;

/**
 * Who may talk to the hub: the registered partners and operators, the trust anchors and the CRLs. Read at
 * start-up (a broken file stops the start) and re-read whenever one of those files, or a certificate file the
 * registry names, changes; a broken edit is logged and the previous registry stays in force.
 */
@Component
public class PartnerRegistry {

    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);

    private final HubProperties.Trust settings;
    private final Path installDir;
    private final DatasetCatalog catalog;
    private volatile Snapshot current;
    private volatile String lastReloadProblem;

    /** One consistent view: parties by id and by certificate, and the validator built from anchors and CRLs. */
    private record Snapshot(String sourceHash, Instant loadedAt, Map<String, Partner> byId,
                            Map<String, Partner> byFingerprint, CertificateValidator validator) {
    }

    public PartnerRegistry(HubProperties properties, DatasetCatalog catalog) {
        this.settings = properties.trust();
        this.installDir = properties.installDir();
        this.catalog = catalog;
        this.current = load(sourceHash());
        log.info("partner registry loaded from {}: {} parties", settings.partnersFile(), current.byId().size());
    }

    /**
     * Validates the presented chain and returns the registered party it identifies, or throws the problem
     * naming why it is refused (expired, revoked, untrusted, weak, unregistered).
     */
    public Partner authenticate(List<X509Certificate> chain) {
        Snapshot snapshot = current;
        X509Certificate leaf = snapshot.validator().validate(chain);
        Partner partner = snapshot.byFingerprint().get(Fingerprints.sha256(leaf));
        if (partner == null) {
            throw new ProblemException(ProblemType.UNKNOWN_PARTNER, CertificateValidator.name(leaf)
                    + " is valid but registered for no partner or operator in the partner registry");
        }
        return partner;
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(current.byId().get(id));
    }

    public Collection<Partner> all() {
        return current.byId().values();
    }

    public Instant loadedAt() {
        return current.loadedAt();
    }

    /** The problem of the last failed reload, or null if the last attempt succeeded. */
    public String lastReloadProblem() {
        return lastReloadProblem;
    }

    public CertificateValidator validator() {
        return current.validator();
    }

    /** Re-reads the registry, anchors and CRLs if any of them changed since the last successful load. */
    @Scheduled(fixedDelayString = "${hub.trust.reload-interval}", initialDelayString = "${hub.trust.reload-interval}")
    public void reloadIfChanged() {
        String hash;
        try {
            hash = sourceHash();
        } catch (IllegalStateException e) {
            refuseReload(e.getMessage());
            return;
        }
        if (hash.equals(current.sourceHash())) {
            return;
        }
        try {
            current = load(hash);
            lastReloadProblem = null;
            log.info("partner registry reloaded from {}: {} parties", settings.partnersFile(), current.byId().size());
        } catch (RuntimeException e) {
            refuseReload(e.getMessage());
        }
    }

    private void refuseReload(String problem) {
        if (!problem.equals(lastReloadProblem)) {
            log.error("partner registry change refused, the previous registry stays in force: {}", problem);
        }
        lastReloadProblem = problem;
    }

    private Snapshot load(String hash) {
        Map<String, Partner> byId = PartnerRegistryFile.load(settings.partnersFile(), installDir, catalog);
        Map<String, Partner> byFingerprint = new HashMap<>();
        byId.values().forEach(p -> p.certificateFingerprints().forEach(f -> byFingerprint.put(f, p)));
        List<X509Certificate> anchors = new ArrayList<>();
        settings.anchors().forEach(file -> anchors.addAll(PemFiles.readCertificates(file)));
        var crls = settings.crls().stream().map(PemFiles::readCrl).toList();
        return new Snapshot(hash, Instant.now(), Map.copyOf(byId), Map.copyOf(byFingerprint),
                new CertificateValidator(anchors, crls, settings.minRsaBits()));
    }

    private String sourceHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            files.add(settings.partnersFile());
            files.addAll(settings.anchors());
            files.addAll(settings.crls());
            files.addAll(PartnerRegistryFile.certificateFiles(settings.partnersFile(), installDir));
            for (Path file : files) {
                digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                // a missing certificate file is reported by the load itself
                digest.update(Files.exists(file) ? Files.readAllBytes(file) : new byte[] {0});
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read trust file: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
