package vn.gov.lmi.hub.trust;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;

/**
 * Detached CMS (RFC 5652) signatures over files with the hub's signing key: a DER {@code .p7s} beside the file,
 * holding the hub's certificate chain, verifiable with {@code openssl cms -verify}.
 */
@Component
public class CmsSigner {

    private final HubSigner hub;

    public CmsSigner(HubSigner hub) {
        this.hub = hub;
    }

    /** Writes {@code <file>.p7s} and returns its path. */
    public Path signDetached(Path file) throws IOException {
        try {
            String algorithm = hub.privateKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(algorithm).build(hub.privateKey()), hub.chain().get(0)));
            generator.addCertificates(new JcaCertStore(hub.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableFile(file.toFile()), false);
            Path signature = file.resolveSibling(file.getFileName() + ".p7s");
            try (OutputStream out = Files.newOutputStream(signature)) {
                out.write(signed.getEncoded());
            }
            return signature;
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new IOException("CMS signing of " + file + " failed: " + e.getMessage(), e);
        }
    }
}
