package org.cloudooo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.MacroRequest;
import org.cloudooo.registry.MimetypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's methods with a handler that upper-cases text: dispatch, files, metadata, outcomes. */
class ManagerTest {

  /** Converts text to upper case; refuses the word "bad" as a bad document. */
  static class UpperCase implements Handler {
    @Override
    public String name() {
      return "upper";
    }

    @Override
    public Path convert(ConversionRequest request) {
      String text = read(request.document());
      if (text.contains("bad")) {
        throw CloudoooException.badInput("this text is bad");
      }
      return write(request.jobDirectory().resolve("out.txt"), text.toUpperCase(Locale.ROOT));
    }

    @Override
    public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
      return document.withSelfAsBaseDocument(Map.of("Title", read(document.document()).strip()), baseDocument);
    }

    @Override
    public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
      return write(document.jobDirectory().resolve("out.txt"), String.valueOf(metadata.keySet()));
    }

    @Override
    public List<FormatEntry> allowedConversionFormats(String source) {
      return List.of(new FormatEntry("text/plain", "Plain Text"));
    }

    @Override
    public void close() {}
  }

  @TempDir Path root;
  private final List<ConversionListener.Conversion> conversions = new ArrayList<>();

  private Manager manager() throws IOException {
    var handler = new UpperCase();
    var registry = new MimetypeRegistry(List.of("text/plain * upper"), Map.of("upper", handler), MediaTypes.standard());
    return new Manager(registry, MediaTypes.standard(), root.resolve("tmp"), List.of(handler), conversions::add);
  }

  @Test
  void aConversionIsAFileInTheWorkspaceAndGoneWithIt() throws Exception {
    try (Manager manager = manager(); Workspace workspace = manager.openWorkspace()) {
      Path input = write(workspace.newFile("in", ".txt"), "hello");
      Path output = manager.convertFile(workspace, input, "txt", Optional.of("txt"), false, false, Map.of());
      assertThat(read(output)).isEqualTo("HELLO");
      workspace.close();
      assertThat(output).doesNotExist();
    }
    assertThat(conversions).singleElement().satisfies(conversion -> {
      assertThat(conversion.handler()).isEqualTo("upper");
      assertThat(conversion.outcome()).isEqualTo(ConversionListener.Conversion.OK);
    });
  }

  @Test
  void faultsKeepTheirKindAndAreCountedByIt() throws Exception {
    try (Manager manager = manager(); Workspace workspace = manager.openWorkspace()) {
      Path bad = write(workspace.newFile("in", ".txt"), "bad");
      assertThatThrownBy(() -> manager.convertFile(workspace, bad, "txt", Optional.of("txt"), false, false, Map.of()))
          .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALUE_ERROR));
      Path empty = write(workspace.newFile("in", ".odt"), "");
      assertThatThrownBy(() -> manager.convertFile(workspace, empty, "odt", Optional.of("pdf"), false, false, Map.of()))
          .hasMessageContaining("has no content");
      Path png = write(workspace.newFile("in", ".png"), "not text");
      assertThatThrownBy(() -> manager.convertFile(workspace, png, "png", Optional.of("txt"), false, false, Map.of()))
          .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.HANDLER_NOT_FOUND));
    }
    assertThat(conversions).extracting(ConversionListener.Conversion::outcome)
        .containsExactly("ValueError", "ValueError", "HandlerNotFound");
  }

  @Test
  void metadataCarryTheDocumentAsDataOnlyWhenAskedAndKeysAreCapitalised() throws Exception {
    try (Manager manager = manager(); Workspace workspace = manager.openWorkspace()) {
      Path input = write(workspace.newFile("in", ".txt"), " A title \n");
      assertThat(manager.getFileMetadataItemList(workspace, input, "txt", false))
          .containsEntry("Title", "A title").containsEntry(Manager.DATA, "");
      assertThat(manager.getFileMetadataItemList(workspace, input, "txt", true)).containsEntry(Manager.DATA, input);
      Path updated = manager.updateFileMetadata(workspace, input, "txt", Map.of("title", "x"));
      assertThat(read(updated)).isEqualTo("[Title]");
    }
  }

  @Test
  void aMacroRunsOnTheHandlerThatRunsMacrosWithACopyOfTheInputs() throws Exception {
    Handler macros = new UpperCase() {
      @Override
      public boolean runsMacros() {
        return true;
      }

      @Override
      public void runMacro(MacroRequest request) {
        String listing = String.join(",", request.inputDirectory().toFile().list());
        write(request.outputDirectory().resolve(request.entryFunction() + ".txt"), request.moduleSource() + ":" + listing);
      }
    };
    var registry = new MimetypeRegistry(List.of("text/plain * upper"), Map.of("upper", macros), MediaTypes.standard());
    try (Manager manager = new Manager(registry, MediaTypes.standard(), root.resolve("tmp"), List.of(macros), conversions::add);
        Workspace workspace = manager.openWorkspace()) {
      Path input = write(root.resolve("a.txt"), "a");
      Path output = manager.runMacro(workspace, "source", "Main", List.of(input));
      assertThat(read(output.resolve("Main.txt"))).isEqualTo("source:a.txt");
      assertThat(input).exists();
    }
    try (Manager manager = manager(); Workspace workspace = manager.openWorkspace()) {
      assertThatThrownBy(() -> manager.runMacro(workspace, "source", "Main", List.of()))
          .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.HANDLER_NOT_FOUND));
    }
  }

  @Test
  void poolsOfEveryHandlerAreReported() throws Exception {
    try (Manager manager = manager()) {
      assertThat(manager.pools()).isEmpty();
      assertThat(manager.getAllowedConversionFormatList("text/plain")).containsExactly(new FormatEntry("text/plain", "Plain Text"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
