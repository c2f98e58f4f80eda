import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Writes protected.docx, protected.xlsx and protected.pptx (password "secret"): LibreOffice 7.4
 * writes no encrypted OOXML through its API, so Apache POI wraps our plain test files in
 * ECMA-376 standard encryption (AES-128), which Word and LibreOffice both open.
 *
 * Run once from tests-data, with Apache POI 5 (poi, not poi-ooxml) and its dependencies:
 *   java -cp "$(poi classpath)" EncryptOoxml.java
 */
public class EncryptOoxml {
  public static void main(String[] args) throws Exception {
    String[][] documents = {{"hello.docx", "protected.docx"}, {"sheet.xlsx", "protected.xlsx"}, {"slides.pptx", "protected.pptx"}};
    for (String[] document : documents) {
      try (POIFSFileSystem container = new POIFSFileSystem()) {
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.standard).getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream encrypted = encryptor.getDataStream(container)) {
          Files.copy(Path.of(document[0]), encrypted);
        }
        try (OutputStream out = Files.newOutputStream(Path.of(document[1]))) {
          container.writeFilesystem(out);
        }
      }
    }
  }
}
