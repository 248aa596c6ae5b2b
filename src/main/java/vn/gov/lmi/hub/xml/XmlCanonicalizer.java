package vn.gov.lmi.hub.xml;

import java.io.ByteArrayOutputStream;

import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.w3c.dom.Node;

/** Canonical XML (Apache Santuario) for the algorithms the hub signs and verifies with. */
public final class XmlCanonicalizer {

    static {
        Init.init();
    }

    private XmlCanonicalizer() {
    }

    /** The canonical bytes of {@code node}'s subtree under {@code algorithm} (a c14n algorithm URI). */
    public static byte[] canonicalize(Node node, String algorithm) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(algorithm).canonicalizeSubtree(node, out);
            return out.toByteArray();
        } catch (InvalidCanonicalizerException | CanonicalizationException e) {
            throw new IllegalArgumentException("cannot canonicalize with " + algorithm + ": " + e.getMessage(), e);
        }
    }
}
