package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The granulate methods over XML-RPC, on this project's test document as ODT and as DOC. */
@SuppressWarnings("unchecked")
class GranulateIT {

  private static XmlRpcTestClient client;
  private static String odt;
  private static String doc;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
    odt = XmlRpcTestClient.b64(testData("granulate.odt"));
    doc = XmlRpcTestClient.b64(testData("granulate.doc"));
  }

  @Test
  void tablesOfTheOdt() throws Exception {
    assertThat(client.call("getTableItemList", odt, "odt")).isEqualTo(List.of(
        List.of("Developers", ""), List.of("Prices", "Table 1: Prices table from Mon Restaurant"),
        List.of("SoccerTeams", "Tabela 2: Soccer Teams")));
    assertThat(client.call("getColumnItemList", odt, "SoccerTeams", "odt")).isEqualTo(List.of(List.of(0, "Name"), List.of(1, "Country")));
    assertThat(client.call("getLineItemList", odt, "Prices", "odt")).isEqualTo(List.of(
        List.of("Item", "Coffee"), List.of("Price", "2.50"), List.of("Item", "Tea"), List.of("Price", "1.75")));
    assertThat(client.call("getColumnItemList", odt, "NoSuchTable", "odt")).isNull();
    byte[] table = Base64.getMimeDecoder().decode((String) client.call("getTable", odt, "Prices", "odt"));
    assertThat(Documents.odfText(table)).contains("Coffee").contains("1.75").doesNotContain("Flamengo");
    assertThatThrownBy(() -> client.call("getTable", odt, "NoSuchTable", "odt")).hasMessageContaining("NoSuchTable");
  }

  @Test
  void tablesOfTheDocAreConvertedFirst() {
    assertThat(client.call("getTableItemList", doc, "doc")).isEqualTo(List.of(
        List.of("Table1", ""), List.of("Table2", "Table 1: Prices table from Mon Restaurant"),
        List.of("Table3", "Tabela 2: Soccer Teams")));
    assertThat(client.call("getColumnItemList", doc, "Table3", "doc")).isEqualTo(List.of(List.of(0, "Name"), List.of(1, "Country")));
  }

  @Test
  void imagesParagraphsAndChapters() {
    assertThat(client.call("getImageItemList", odt, "odt")).isEqualTo(List.of(
        List.of("100000000000000800000008D83064DFFA0C8DA8.png", "A red dot"),
        List.of("10000000000000080000000888D2AA3BCBD4945F.png", "A blue square")));
    byte[] image = Base64.getMimeDecoder().decode((String) client.call("getImage", odt, "100000000000000800000008D83064DFFA0C8DA8.png", "odt"));
    assertThat(Documents.isPng(image)).isTrue();
    assertThat(client.call("getImage", odt, "missing.png", "odt")).isEqualTo("");
    assertThat((List<Object>) client.call("getParagraphItemList", odt, "odt")).hasSize(26).startsWith(List.of(0, "Title"));
    assertThat(client.call("getParagraph", odt, 0, "odt")).isEqualTo(List.of("Granulate Test Document", "Title"));
    assertThat(client.call("getParagraph", odt, 99, "odt")).isNull();
    assertThat(client.call("getChapterItemList", odt, "odt")).isEqualTo(List.of(
        List.of(0, "Granulate Test Document"), List.of(1, "Tables"), List.of(2, "Team"), List.of(3, "Menu"),
        List.of(4, "Football"), List.of(5, "Images and captions"), List.of(6, "Conclusion")));
    assertThat(client.call("getChapterItem", 5, odt, "odt")).isEqualTo(List.of("Images and captions", 5));
    assertThat(client.call("getChapterItem", 7, odt, "odt")).isNull();
    assertThat((List<?>) client.call("getChapterItemList", doc, "doc")).hasSize(7);
  }

  @Test
  void badDataIsAFault() {
    assertThatThrownBy(() -> client.call("getTableItemList", XmlRpcTestClient.b64("plain".getBytes()), "odt"))
        .isInstanceOf(XmlRpcTestClient.Fault.class).hasMessageContaining("not an ODF document");
  }
}
