package org.cloudooo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainArgumentsTest {

  @Test
  void serveIsTheDefaultCommand() {
    assertThat(Main.Arguments.parse(new String[] {})).isEqualTo(new Main.Arguments("serve", null, false));
    assertThat(Main.Arguments.parse(new String[] {"--config", "a.conf"}).config()).contains(Path.of("a.conf"));
  }

  @Test
  void statusAndStopTakeTheConfiguration() {
    assertThat(Main.Arguments.parse(new String[] {"status", "--json", "--config=b.conf"}))
        .isEqualTo(new Main.Arguments("status", Path.of("b.conf"), true));
    assertThat(Main.Arguments.parse(new String[] {"stop", "--config", "c.conf"}))
        .isEqualTo(new Main.Arguments("stop", Path.of("c.conf"), false));
  }

  @Test
  void unknownWordsAreRefused() {
    assertThatThrownBy(() -> Main.Arguments.parse(new String[] {"restart"})).hasMessage("unknown argument 'restart'");
    assertThatThrownBy(() -> Main.Arguments.parse(new String[] {"stop", "--json"})).hasMessage("unknown argument '--json'");
    assertThatThrownBy(() -> Main.Arguments.parse(new String[] {"--config", "a", "status"})).hasMessage("unknown argument 'status'");
  }
}
