package org.cloudooo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredDeletionTest {

  @TempDir Path root;

  @Test
  void aWorkspaceLeavesTheJobRootAtOnceAndIsDeletedSoon() throws Exception {
    Path jobRoot = Files.createDirectories(root.resolve("tmp"));
    Path trash = root.resolve("tmp-deleting");
    try (DeferredDeletion deletion = new DeferredDeletion(trash)) {
      Path done;
      try (Workspace workspace = new Workspace(jobRoot, deletion::delete)) {
        Files.writeString(workspace.newFile("document", ".odt"), "content");
        Path handler = workspace.newDirectory("ooo");
        Files.writeString(Files.createDirectory(handler.resolve("out")).resolve("document.pdf"), "answer");
        done = handler.getParent();
      }
      assertThat(jobRoot).isEmptyDirectory();
      assertThat(done).doesNotExist();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!isEmpty(trash) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(trash).isEmptyDirectory();
    }
    assertThat(trash).doesNotExist();
  }

  @Test
  void whatAKilledServerLeftInTheTrashIsDeletedAtStart() throws Exception {
    Path left = Files.createDirectories(root.resolve("tmp-deleting").resolve("job123-1").resolve("out"));
    Files.writeString(left.resolve("document.pdf"), "answer");
    try (DeferredDeletion deletion = new DeferredDeletion(root.resolve("tmp-deleting"))) {
      assertThat(root.resolve("tmp-deleting")).isEmptyDirectory();
    }
  }

  @Test
  void closeDeletesWhatIsStillQueued() throws Exception {
    Path jobRoot = Files.createDirectories(root.resolve("tmp"));
    DeferredDeletion deletion = new DeferredDeletion(root.resolve("tmp-deleting"));
    for (int i = 0; i < 50; i++) {
      try (Workspace workspace = new Workspace(jobRoot, deletion::delete)) {
        Files.writeString(workspace.newFile("document", ".odt"), "content " + i);
      }
    }
    deletion.close();
    assertThat(jobRoot).isEmptyDirectory();
    assertThat(root.resolve("tmp-deleting")).doesNotExist();
  }

  private static boolean isEmpty(Path directory) throws Exception {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }
}
