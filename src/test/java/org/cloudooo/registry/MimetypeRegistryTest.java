package org.cloudooo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.junit.jupiter.api.Test;

class MimetypeRegistryTest {

  /** A handler that only has a name and a fixed format list: dispatch is pure logic. */
  record NamedHandler(String name, List<FormatEntry> formats) implements Handler {
    @Override
    public java.nio.file.Path convert(ConversionRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FormatEntry> allowedConversionFormats(String source) {
      return formats;
    }

    @Override
    public void close() {}
  }

  private final NamedHandler ooo = new NamedHandler("ooo", List.of(
      new FormatEntry("application/pdf", "PDF"), new FormatEntry("text/plain", "Text"),
      new FormatEntry("application/vnd.oasis.opendocument.text", "ODT")));
  private final NamedHandler pdf = new NamedHandler("pdf", List.of(new FormatEntry("text/plain", "Plain Text")));
  private final MimetypeRegistry registry = new MimetypeRegistry(
      List.of("application/pdf text/* pdf", "application/pdf * ooo", "application/vnd.oasis.opendocument* * ooo",
          "text/* * ooo", "video/* * ffmpeg", "* application/vnd.oasis.opendocument* ooo"),
      Map.of("ooo", ooo, "pdf", pdf), MediaTypes.standard());

  @Test
  void firstMatchingLineWins() {
    assertThat(registry.handlerFor("pdf", Optional.of("txt"))).isSameAs(pdf);
    assertThat(registry.handlerFor("pdf", Optional.of("odg"))).isSameAs(ooo);
    assertThat(registry.handlerFor("odt", Optional.of("pdf"))).isSameAs(ooo);
  }

  @Test
  void aRememberedChoiceKeepsConversionsAndMetadataCallsApart() {
    assertThat(registry.handlerFor("pdf", Optional.of("odg"))).isSameAs(ooo);
    assertThat(registry.handlerFor("pdf", Optional.empty())).isSameAs(pdf);
    assertThat(registry.handlerFor("pdf", Optional.of("odg"))).isSameAs(ooo);
    assertThat(registry.handlerFor("pdf", Optional.empty())).isSameAs(pdf);
  }

  @Test
  void aFaultIsGivenAgainEachTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> registry.handlerFor("foo", Optional.of("bar"))).hasMessage("No Handler found for 'foo'=>'bar'");
    }
  }

  @Test
  void metadataCallsTakeTheFirstInputMatch() {
    assertThat(registry.handlerFor("pdf", Optional.empty())).isSameAs(pdf);
  }

  @Test
  void unknownExtensionMatchesOnlyStar() {
    assertThat(registry.handlerFor("xyzunknown", Optional.of("odt"))).isSameAs(ooo);
    assertThatThrownBy(() -> registry.handlerFor("foo", Optional.of("bar")))
        .hasMessage("No Handler found for 'foo'=>'bar'");
  }

  @Test
  void linesNamingAMissingHandlerArePassedOverAndNamedInTheFault() {
    assertThatThrownBy(() -> registry.handlerFor("mp4", Optional.of("webm")))
        .hasMessageStartingWith("No Handler found for 'mp4'=>'webm'")
        .hasMessageContaining("video/* * ffmpeg");
  }

  @Test
  void allowedFormatsAreFilteredByEachHandlersOutputPatterns() {
    assertThat(registry.allowedConversionFormats("application/pdf"))
        .extracting(FormatEntry::key)
        .contains("text/plain", "application/pdf");
    assertThat(registry.allowedConversionFormats("text/plain;charset=utf-8")).hasSize(3);
  }

  @Test
  void fnmatchIsPythons() {
    assertThat(Fnmatch.compile("application/vnd*").matcher("application/vnd.ms-excel").matches()).isTrue();
    assertThat(Fnmatch.compile("image/?ng").matcher("image/png").matches()).isTrue();
    assertThat(Fnmatch.compile("image/[!p]ng").matcher("image/png").matches()).isFalse();
    assertThat(Fnmatch.compile("text/*").matcher("TEXT/plain").matches()).isFalse();
    assertThat(Fnmatch.compile("a.b").matcher("axb").matches()).isFalse();
  }
}
