package vn.gov.lmi.hub.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes certificates, CRLs, private keys (PEM) and PKCS#12 key stores. */
public final class PemFiles {

    private PemFiles() {
    }

    /** Every certificate in a PEM (or DER) file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a readable X.509 certificate file: " + e.getMessage(), e);
        }
    }

    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    public static X509CRL readCrl(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a readable X.509 CRL: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 or traditional (PKCS#1 / SEC1) unencrypted PEM private key. */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException(file + " holds no unencrypted private key");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable PEM private key: " + e.getMessage(), e);
        }
    }

    public static String toPem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                // private keys as PKCS#8 ("PRIVATE KEY"), the form openssl, curl and Java all read
                writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return text.toString();
    }

    public static void writePem(Path file, Object... objects) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, toPem(objects), StandardCharsets.US_ASCII);
    }

    public static KeyStore pkcs12(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build PKCS#12 store", e);
        }
    }

    public static void writePkcs12(Path file, KeyStore store, char[] password) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write PKCS#12 " + file, e);
        }
    }
}
