package vn.gov.lmi.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Record text must be writable as XML 1.0, so that every stored record can be served over SOAP. */
class XmlSafeTextTest {

    @Test
    void controlCharactersNoncharactersAndLoneSurrogatesAreRefusedTabsLineBreaksAndEmojiAreNot() {
        assertThat(RecordValidator.xmlSafe("Nguyễn Văn Hùng\tHà Nội\r\n😀")).isTrue();
        assertThat(RecordValidator.xmlSafe("a\u0001b")).isFalse();
        assertThat(RecordValidator.xmlSafe("a\uFFFEb")).isFalse();
        assertThat(RecordValidator.xmlSafe("a\uD800b")).isFalse();
        assertThat(RecordValidator.xmlSafe("a\uDC00")).isFalse();
    }
}
