package org.cloudooo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

class SafeXmlTest {

  private static ByteArrayInputStream xml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theThreadParserIsReusedAndStaysHardenedAfterEachParse() throws Exception {
    assertThat(SafeXml.threadSaxParser()).isSameAs(SafeXml.threadSaxParser());
    for (int round = 0; round < 3; round++) {
      List<String> names = new ArrayList<>();
      SafeXml.threadSaxParser().parse(xml("<a xmlns='urn:x'><b/></a>"), new DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
          names.add(uri + " " + localName);
        }
      });
      assertThat(names).containsExactly("urn:x a", "urn:x b");
      assertThatThrownBy(() -> SafeXml.threadSaxParser().parse(
          xml("<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>"), new DefaultHandler()))
          .isInstanceOf(SAXParseException.class)
          .hasMessageContaining("DOCTYPE");
    }
  }

  @Test
  void eachThreadHasItsOwnParser() throws Exception {
    Object[] other = new Object[1];
    Thread thread = new Thread(() -> other[0] = SafeXml.threadSaxParser());
    thread.start();
    thread.join(10_000);
    assertThat(other[0]).isNotNull().isNotSameAs(SafeXml.threadSaxParser());
  }
}
