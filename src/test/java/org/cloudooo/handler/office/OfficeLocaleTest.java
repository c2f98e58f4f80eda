package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfficeLocaleTest {

  private static final List<String> DEBIAN_WITHOUT_LOCALES = List.of("C", "C.utf8", "POSIX");

  @Test
  void aLocaleTheMachineLacksIsNamed() {
    assertThat(OfficeLocale.missing(Map.of("LANG", "en_US.UTF-8"), DEBIAN_WITHOUT_LOCALES)).containsExactly("LANG=en_US.UTF-8");
  }

  @Test
  void glibcsSpellingOfAnInstalledLocaleMatches() {
    List<String> installed = List.of("C", "C.utf8", "POSIX", "en_US.utf8", "sr_RS@latin");
    assertThat(OfficeLocale.missing(Map.of("LANG", "en_US.UTF-8", "LC_TIME", "sr_RS@latin"), installed)).isEmpty();
    assertThat(OfficeLocale.missing(Map.of("LANG", "C.UTF-8"), DEBIAN_WITHOUT_LOCALES)).isEmpty();
  }

  @Test
  void cAndPosixNeedNothingInstalled() {
    assertThat(OfficeLocale.missing(Map.of("LANG", "C", "LC_CTYPE", "POSIX"), List.of())).isEmpty();
  }

  @Test
  void lcAllOverridesTheOthers() {
    assertThat(OfficeLocale.missing(Map.of("LC_ALL", "C.UTF-8", "LANG", "de_DE.UTF-8"), DEBIAN_WITHOUT_LOCALES)).isEmpty();
    assertThat(OfficeLocale.missing(Map.of("LC_ALL", "de_DE.UTF-8", "LANG", "C.UTF-8"), DEBIAN_WITHOUT_LOCALES))
        .containsExactly("LC_ALL=de_DE.UTF-8");
  }

  @Test
  void otherVariablesAndEmptyValuesAreIgnored() {
    assertThat(OfficeLocale.missing(Map.of("HOME", "/root", "LANG", "", "LANGUAGE", "de", "LC_TERMINAL", "iTerm2"),
        DEBIAN_WITHOUT_LOCALES)).isEmpty();
  }

  @Test
  void aCategoryIsNamedWithItsVariable() {
    assertThat(OfficeLocale.missing(Map.of("LANG", "C.UTF-8", "LC_CTYPE", "UTF-8"), DEBIAN_WITHOUT_LOCALES))
        .containsExactly("LC_CTYPE=UTF-8");
  }

  @Test
  void namesAreComparedAsGlibcSpellsThem() {
    assertThat(OfficeLocale.normalized("en_US.UTF-8")).isEqualTo("en_us.utf8");
    assertThat(OfficeLocale.normalized("de_DE.utf8@euro")).isEqualTo("de_de.utf8@euro");
    assertThat(OfficeLocale.normalized("ja_JP.EUC-JP")).isEqualTo("ja_jp.eucjp");
    assertThat(OfficeLocale.normalized("POSIX")).isEqualTo("posix");
  }
}
