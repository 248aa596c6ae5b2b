package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/**
 * RFC 7520 section 4 (ietf-jose/cookbook) through the hub's JWS code: reproducible examples sign to the same
 * bytes, every signature verifies, and the partner policy still refuses the HMAC ones.
 */
class JoseCookbookTest {

    private static final Path VECTORS = Path.of("../shared/test-vectors/jose-cookbook/jws");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> examples() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(sorted).hasSize(8);
            List<Arguments> examples = new ArrayList<>();
            for (Path file : sorted) {
                examples.add(Arguments.of(file.getFileName().toString(), JSON.readTree(file.toFile())));
            }
            return examples.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everySignatureVerifiesAndReproducibleOnesSignToTheSameBytes(String name, JsonNode example) throws Exception {
        byte[] payload = example.path("input").path("payload").asText().getBytes(StandardCharsets.UTF_8);
        List<JWK> keys = keys(example.path("input").path("key"));
        JsonNode output = example.path("output");
        int verified = 0;
        if (output.has("compact")) {
            String compact = output.path("compact").asText();
            boolean detached = compact.contains("..");
            JWSObject jws = detached ? JWSObject.parse(compact, new Payload(payload)) : JWSObject.parse(compact);
            assertThat(JwsSignatures.verify(jws, key(keys.get(0)))).as("compact form verifies").isTrue();
            verified++;
            if (example.path("reproducible").asBoolean(false)) {
                JWSHeader header = JWSHeader.parse(jws.getHeader().getParsedBase64URL());
                JWSObject again = new JWSObject(header, new Payload(payload));
                again.sign(JwsSignatures.signer(keys.get(0)));
                assertThat(again.serialize(detached)).isEqualTo(compact);
            }
            String changedPayload = Base64URL.encode("a changed payload".getBytes(StandardCharsets.UTF_8)).toString();
            String[] parts = compact.split("\\.", -1);
            JWSObject tampered = detached ? JWSObject.parse(compact, new Payload("a changed payload".getBytes(StandardCharsets.UTF_8)))
                    : JWSObject.parse(parts[0] + "." + changedPayload + "." + parts[2]);
            assertThat(JwsSignatures.verify(tampered, key(keys.get(0)))).as("a changed payload fails").isFalse();
        }
        for (String form : new String[] {"json", "json_flat"}) {
            if (output.has(form)) {
                verified += verifyJsonSerialization(output.path(form), payload, keys);
            }
        }
        assertThat(verified).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void thePartnerPolicyRefusesHmacAndAlgorithmsOutsideItsList(String name, JsonNode example) throws Exception {
        JsonNode output = example.path("output");
        if (!output.has("compact")) {
            return;
        }
        String compact = output.path("compact").asText();
        JWSObject jws = compact.contains("..") ? JWSObject.parse(compact, new Payload(
                example.path("input").path("payload").asText().getBytes(StandardCharsets.UTF_8))) : JWSObject.parse(compact);
        String alg = jws.getHeader().getAlgorithm().getName();
        Key key = key(keys(example.path("input").path("key")).get(0));
        if (alg.equals("RS256")) {
            assertThat(JwsPolicy.verifyWithKey(jws, key)).isTrue();
            return;
        }
        assertThatThrownBy(() -> JwsPolicy.verifyWithKey(jws, key))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.ALGORITHM_NOT_ALLOWED);
                    assertThat(p.detail()).startsWith("alg '" + alg + "' is refused: ")
                            .contains(alg.startsWith("HS") ? "HMAC is a shared-secret algorithm" : "not on the hub's allow-list");
                });
    }

    /**
     * JSON serialization (general or flattened). Some examples protect nothing in a header (4.7, 4.8), which
     * nimbus' JWSObjectJSON does not parse; the signing input is then ".payload" as RFC 7515 section 5.1 says, and
     * the hub's verifier is applied to it directly.
     */
    private static int verifyJsonSerialization(JsonNode json, byte[] payload, List<JWK> keys) throws Exception {
        String encodedPayload = json.has("payload") ? json.path("payload").asText() : Base64URL.encode(payload).toString();
        JsonNode signatures = json.has("signatures") ? json.path("signatures") : JSON.createArrayNode().add(json);
        int verified = 0;
        for (JsonNode entry : signatures) {
            String encodedProtected = entry.path("protected").asText("");
            var merged = JSON.createObjectNode();
            if (!encodedProtected.isEmpty()) {
                merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(new Base64URL(encodedProtected).decode()));
            }
            if (entry.has("header")) {
                merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) entry.path("header"));
            }
            JWSHeader header = JWSHeader.parse(JSON.writeValueAsString(merged));
            byte[] signingInput = (encodedProtected + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = new Base64URL(entry.path("signature").asText());
            boolean ok = false;
            for (JWK candidate : keys) {
                try {
                    ok |= JwsSignatures.verifier(header, key(candidate)).verify(header, signingInput, signature);
                } catch (com.nimbusds.jose.JOSEException wrongKeyType) {
                    // another example key fits this signature's algorithm
                }
            }
            assertThat(ok).as("signature with " + header.getAlgorithm() + " verifies").isTrue();
            byte[] changed = ("x" + encodedProtected + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII);
            for (JWK candidate : keys) {
                try {
                    assertThat(JwsSignatures.verifier(header, key(candidate)).verify(header, changed, signature)).isFalse();
                } catch (com.nimbusds.jose.JOSEException wrongKeyType) {
                    // not this key's algorithm family
                }
            }
            verified++;
        }
        return verified;
    }

    private static List<JWK> keys(JsonNode key) throws Exception {
        List<JWK> keys = new ArrayList<>();
        for (JsonNode one : key.isArray() ? key : JSON.createArrayNode().add(key)) {
            keys.add(JWK.parse(JSON.writeValueAsString(one)));
        }
        return keys;
    }

    private static Key key(JWK jwk) throws Exception {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        return ((OctetSequenceKey) jwk).toSecretKey();
    }
}
