package org.cloudooo.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

  private final MediaTypes types = MediaTypes.standard();

  @Test
  void exactExtensionLookupAsPythonTypesMap() {
    assertThat(types.typeOfExtension("odt")).contains("application/vnd.oasis.opendocument.text");
    assertThat(types.typeOfExtension("doc")).contains("application/msword");
    assertThat(types.typeOfExtension("csv")).contains("text/csv");
    assertThat(types.typeOfExtension("fodt")).contains("application/vnd.oasis.opendocument.text-flat-xml");
    assertThat(types.typeOfExtension("ms.docx"))
        .contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(types.typeOfExtension("foo")).isEmpty();
    assertThat(types.typeOfExtension("DOC")).isEmpty();
  }

  @Test
  void guessesByLastSuffixAndListsExtensions() {
    assertThat(types.guessTypeOfName("file.ms.xlsx"))
        .contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(types.firstExtensionOf("text/plain")).contains("txt");
    assertThat(types.firstExtensionOf("application/msword")).contains("doc");
    assertThat(types.extensionsOf("text/html; charset=utf-8")).contains("html", "htm");
  }

  @Test
  void macroEnabledTypesAreSpelledAsDebianAndHaveNoGuessedExtension() {
    // The original's guess_extension looks up lower-cased names: it finds none for these.
    assertThat(types.typeOfExtension("docm")).contains("application/vnd.ms-word.document.macroEnabled.12");
    assertThat(types.extensionsOf("application/vnd.ms-word.document.macroEnabled.12")).isEmpty();
    assertThat(types.typeOfExtension("bmp")).contains("image/x-ms-bmp");
    assertThat(types.firstExtensionOf("image/x-ms-bmp")).contains("bmp");
  }
}
