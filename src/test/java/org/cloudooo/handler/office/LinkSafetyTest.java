package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudooo.format.SafeXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The pure parts of link blocking and checking: the seed profile, how links are judged. */
class LinkSafetyTest {

  @Test
  void seedProfileBlocksUntrustedLinksAndRemovesRemoteProviders(@TempDir Path directory) throws Exception {
    Path seed = LinkBlocking.writeSeedProfile(directory.resolve("seed"));
    Path items = seed.resolve("user/registrymodifications.xcu");
    var document = SafeXml.documentBuilderFactory().newDocumentBuilder().parse(items.toFile());
    NodeList props = document.getElementsByTagName("prop");
    assertThat(props.getLength()).isEqualTo(1);
    assertThat(((Element) props.item(0)).getAttribute("oor:name")).isEqualTo("BlockUntrustedRefererLinks");
    assertThat(props.item(0).getTextContent()).isEqualTo("true");
    NodeList removed = document.getElementsByTagName("node");
    assertThat(removed.getLength()).isEqualTo(8);
    assertThat(((Element) removed.item(0)).getAttribute("oor:op")).isEqualTo("remove");
    assertThat(Files.readString(items, StandardCharsets.UTF_8)).contains("/ContentProviders/Local/SecondaryKeys/Office/ProviderData");
  }

  @Test
  void fileLinksReadFromTheDocumentsFolder() {
    Path folder = Path.of("/srv/job/1");
    assertThat(LinkedContent.relativeToFolder(folder, "file:///srv/job/1/img/dot.png")).isEqualTo("img/dot.png");
    assertThat(LinkedContent.relativeToFolder(folder, "file:///srv/job/1/a/../img%20x.png")).isEqualTo("img x.png");
    assertThat(LinkedContent.relativeToFolder(folder, "file:///etc/passwd")).isEqualTo("../../../etc/passwd");
    assertThat(LinkedContent.relativeToFolder(folder, "http://127.0.0.1/x.png")).isEqualTo("http://127.0.0.1/x.png");
    assertThat(LinkedContent.relativeToFolder(null, "file:///etc/passwd")).isEqualTo("file:///etc/passwd");
    assertThat(UnsafeLinks.isSafe(LinkedContent.relativeToFolder(folder, "file:///srv/job/1/img/dot.png"))).isTrue();
    assertThat(UnsafeLinks.isSafe(LinkedContent.relativeToFolder(folder, "file:///srv/job/other.png"))).isFalse();
  }
}
