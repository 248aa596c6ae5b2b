package vn.gov.lmi.hub.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every classic XML attack is refused before a tree exists, quickly, touching no file and no port. */
class HardenedXmlTest {

    private final HardenedXml xml = new HardenedXml(64 * 1024, 32);

    @TempDir
    Path folder;

    @Test
    void externalEntityToAFileIsRefusedAndTheFileIsNotRead() throws Exception {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String attack = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        assertThatThrownBy(() -> xml.parse(attack.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlRefused.class, refused -> {
                    assertThat(refused.code()).isEqualTo("DoctypeForbidden");
                    assertThat(refused.getMessage()).doesNotContain("TOP-SECRET");
                });
    }

    @Test
    void externalEntityToAUrlIsRefusedAndNoConnectionIsMade() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(300);
            String attack = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:" + listener.getLocalPort()
                    + "/steal\">]><r>&x;</r>";
            assertRefused(attack, "DoctypeForbidden");
            String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:"
                    + listener.getLocalPort() + "/dtd\"> %p;]><r/>";
            assertRefused(parameterEntity, "DoctypeForbidden");
            assertThatThrownBy(listener::accept).as("nobody connected").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder attack = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            attack.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        attack.append("]><lolz>&lol9;</lolz>");
        Instant start = Instant.now();
        assertRefused(attack.toString(), "DoctypeForbidden");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void oversizeIsRefusedBeforeParsing() {
        String big = "<r>" + "x".repeat(64 * 1024) + "</r>";
        assertRefused(big, "Oversize");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(40) + "</a>".repeat(40);
        assertRefused(deep, "TooDeep");
        assertThat(xml.parse(("<a>".repeat(30) + "</a>".repeat(30)).getBytes(StandardCharsets.UTF_8)).getDocumentElement()
                .getLocalName()).isEqualTo("a");
    }

    @Test
    void brokenXmlIsNamedAsSuch() {
        assertRefused("<r><unclosed></r>", "NotWellFormed");
    }

    private void assertRefused(String document, String code) {
        assertThatThrownBy(() -> xml.parse(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlRefused.class, refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
