package org.cloudooo.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.helpers.AttributesImpl;

/** Documents to and from base64 text in pieces, exactly as the whole-text decoder and Python's encodebytes do. */
class WireBase64Test {

  @TempDir Path directory;

  @Test
  void encodesAsPythonEncodebytes() {
    byte[] data = new byte[100];
    String text = WireBase64.encode(data);
    assertThat(text.split("\n")[0]).hasSize(76);
    assertThat(text).endsWith("\n").doesNotContain("\r");
    assertThat(WireBase64.encode(new byte[0])).isEmpty();
  }

  @Test
  void streamedEncodingIsTheWholeTextsEncoding() throws IOException {
    for (int size : new int[] {0, 1, 56, 57, 58, 57 * 1024, 57 * 1024 + 1, 300_001}) {
      byte[] data = randomBytes(size);
      StringBuilder streamed = new StringBuilder();
      WireBase64.encode(Files.write(directory.resolve("f" + size), data), streamed::append);
      assertThat(streamed.toString()).as("size %d", size).isEqualTo(WireBase64.encode(data));
      assertThat(WireBase64.encodedLength(size)).isEqualTo(streamed.length());
    }
  }

  @Test
  void answerWriterWritesBase64VerbatimAsItsEscapingPathWould() throws Exception {
    char[] text = WireBase64.encode(randomBytes(1000)).toCharArray();
    assertThat(written(writer -> writer.writeVerbatim(text)))
        .isEqualTo(written(writer -> writer.characters(text, 0, text.length)))
        .startsWith("<value>").endsWith("\n</value>");
  }

  private interface Writing {
    void write(Utf8XmlWriterFactory.WireXmlWriter writer) throws Exception;
  }

  private static String written(Writing body) throws Exception {
    var out = new StringWriter();
    var writer = new Utf8XmlWriterFactory.WireXmlWriter();
    writer.setEncoding("UTF-8");
    writer.setWriter(out);
    writer.startElement("", "value", "value", new AttributesImpl());
    body.write(writer);
    writer.endElement("", "value", "value");
    return out.toString();
  }

  @Test
  void spoolDecodesLikeTheMimeDecoderInPiecesOfAnySize() throws IOException {
    String big = Base64.getMimeEncoder().encodeToString(randomBytes(200_000));
    for (String text : new String[] {"aGVs\nbG8=\n", "aGk", "aGk==", "aGk===", "aGk=!!", "", "!!aGk=\n", big, big + "\n"}) {
      for (int piece : new int[] {1, 3, 7, 4096, Integer.MAX_VALUE}) {
        byte[] expected = Base64.getMimeDecoder().decode(text);
        assertThat(spool(text, piece)).as("%s in pieces of %d", abbreviated(text), piece)
            .hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(expected));
      }
    }
  }

  @Test
  void spoolRefusesWhatTheMimeDecoderRefuses() throws IOException {
    for (String text : new String[] {"aG=k", "aGk=aGk=", "aGk=\naGk=", "YQ==YQ==", "aGk=a"}) {
      assertThat(spool(text, 2)).as(text).isEmpty();
    }
  }

  /** The decoded bytes, or empty when the spool found the text invalid. */
  private Optional<byte[]> spool(String text, int piece) throws IOException {
    Path file = Files.createTempFile(directory, "spool", ".bin");
    Base64Spool spool = new Base64Spool(file);
    char[] chars = text.toCharArray();
    for (int offset = 0; offset < chars.length; offset += piece) {
      spool.write(chars, offset, Math.min(piece, chars.length - offset));
    }
    spool.close();
    return spool.error().isPresent() ? Optional.empty() : Optional.of(Files.readAllBytes(file));
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static String abbreviated(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "... (" + text.length() + " chars)" : text.replace("\n", "\\n");
  }
}
