package org.cloudooo.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireBase64Test {

  @Test
  void encodesAsPythonEncodebytes() {
    byte[] data = new byte[100];
    String text = WireBase64.encode(data);
    assertThat(text.split("\n")[0]).hasSize(76);
    assertThat(text).endsWith("\n").doesNotContain("\r");
    assertThat(WireBase64.encode(new byte[0])).isEmpty();
  }

  @Test
  void decodesWrappedAndLenientText() {
    assertThat(new String(WireBase64.decode("aGVs\nbG8=\n"), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(WireBase64.decode(WireBase64.encode(new byte[1000]))).hasSize(1000);
  }
}
