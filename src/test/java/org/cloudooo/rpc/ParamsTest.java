package org.cloudooo.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.service.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments as the original checks them: counts, types and base64 documents, with Python's wording. */
class ParamsTest {

  @TempDir Path root;

  private static Params params(String method, int min, int max, Object... values) {
    XmlRpcRequest request = new XmlRpcRequest() {
      @Override
      public XmlRpcRequestConfig getConfig() {
        return null;
      }

      @Override
      public String getMethodName() {
        return method;
      }

      @Override
      public int getParameterCount() {
        return values.length;
      }

      @Override
      public Object getParameter(int index) {
        return values[index];
      }
    };
    return new Params(method, request, min, max);
  }

  private static String kind(Throwable e) {
    return ((CloudoooException) e).kind().wireName();
  }

  @Test
  void aWrongNumberOfArgumentsIsATypeErrorAsPythonWordsIt() {
    assertThatThrownBy(() -> params("convertFile", 3, 6, "aGk="))
        .satisfies(e -> assertThat(kind(e)).isEqualTo("TypeError"))
        .hasMessage("convertFile() takes from 3 to 6 positional arguments but 1 were given");
    assertThatThrownBy(() -> params("getTable", 2, 2))
        .hasMessage("getTable() takes 2 positional arguments but 0 were given");
  }

  @Test
  void typedArgumentsAcceptWhatPythonAcceptsAndNameTheArgumentOtherwise() {
    Params p = params("m", 0, 9, "odt", 1, 7L, Map.of("k", "v"), null, 2.5);
    assertThat(p.string(0, "source_format")).isEqualTo("odt");
    assertThat(p.bool(1, "zip", false)).isTrue();
    assertThat(p.integer(2, "id")).isEqualTo(7);
    assertThat(p.struct(3, "conversion_kw")).containsEntry("k", "v");
    assertThat(p.struct(4, "conversion_kw")).isEmpty();
    assertThat(p.bool(4, "refresh", true)).isTrue();
    assertThat(p.optionalString(8, "source_format")).isEmpty();
    assertThatThrownBy(() -> p.integer(5, "paragraph_id"))
        .satisfies(e -> assertThat(kind(e)).isEqualTo("TypeError"))
        .hasMessageContaining("`paragraph_id` must be an int");
    assertThatThrownBy(() -> p.struct(0, "conversion_kw")).hasMessageContaining("must be a struct (dict)");
  }

  @Test
  void aDocumentIsDecodedIntoAFileOfTheRequestsWorkspace() throws Exception {
    try (Workspace workspace = new Workspace(root)) {
      RequestWorkspace.serve(workspace, () -> {
        // Line-wrapped base64, as Python's encodebytes writes it.
        Path file = params("convertFile", 1, 1, "aGVs\nbG8=\n").document(0, "file");
        assertThat(Files.readString(file)).isEqualTo("hello");
        assertThat(file.startsWith(root)).isTrue();
        assertThatThrownBy(() -> params("convertFile", 1, 1, "not*base64").document(0, "file"))
            .satisfies(e -> assertThat(kind(e)).isEqualTo("binascii.Error"))
            .hasMessageContaining("`file` is not valid base64");
        assertThatThrownBy(() -> params("convertFile", 1, 1, 42).document(0, "file"))
            .satisfies(e -> assertThat(kind(e)).isEqualTo("TypeError"))
            .hasMessageContaining("encoded as base64");
      });
    }
  }
}
