package org.cloudooo.handler.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program's answer is asked once, then reused by later starts until the program changes. */
class KeptProbesTest {

  @TempDir Path directory;
  private Path bin;
  private Path program;
  private Path file;
  private Path packages;
  private final AtomicInteger runs = new AtomicInteger();
  private static final List<String> COMMAND = List.of("tool", "-list", "format");

  @BeforeEach
  void program() throws Exception {
    bin = Files.createDirectories(directory.resolve("bin"));
    program = Files.writeString(bin.resolve("tool"), "#!/bin/sh\necho formats\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    file = directory.resolve("probes").resolve("tool.json");
    packages = Files.writeString(directory.resolve("status"), "Package: tool\n");
  }

  @Test
  void aLaterStartReusesTheAnswerUntilTheProgramChanges() throws Exception {
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).as("kept by the first start").isEqualTo("answer 1");
    assertThat(runs).hasValue(1);

    Files.setLastModifiedTime(program, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).as("the program changed").isEqualTo("answer 2");
  }

  @Test
  void aFailedProbeIsNotKept() {
    var probes = new KeptProbes(file, bin.toString(), Map.of(), packages);
    assertThatThrownBy(() -> probes.output("tool", "listing formats", COMMAND, () -> {
      throw new IllegalStateException("tool failed listing formats (exit code 1)");
    })).hasMessageContaining("exit code 1");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
  }

  @Test
  void aProgramNotOnThePathIsAskedEveryTimeSoThatItsRunSaysSo() {
    assertThat(ask(new KeptProbes(file, directory.resolve("elsewhere").toString(), Map.of(), packages))).isEqualTo("answer 1");
    assertThat(ask(new KeptProbes(file, directory.resolve("elsewhere").toString(), Map.of(), packages))).isEqualTo("answer 2");
  }

  @Test
  void aPackageInstalledOrRemovedMeansAskingAgain() throws Exception {
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
    Files.setLastModifiedTime(packages, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 2");
  }

  @Test
  void withoutAPackageDatabaseNothingIsKept() {
    Path none = directory.resolve("no-status");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), none))).isEqualTo("answer 1");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), none))).isEqualTo("answer 2");
  }

  @Test
  void anotherEnvironmentIsAskedAgain() {
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of("MAGICK_CONFIGURE_PATH", "/etc/im"), packages))).isEqualTo("answer 2");
  }

  @Test
  void anEntryWithoutItsFieldsIsAskedAgain() throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"tool -list format\": {\"output\": \"old\"}}");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
  }

  @Test
  void aDamagedFileIsAskedAgain() throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"tool -list");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
    assertThat(ask(new KeptProbes(file, bin.toString(), Map.of(), packages))).isEqualTo("answer 1");
  }

  private String ask(KeptProbes probes) {
    return probes.output("tool", "listing formats", COMMAND, () -> "answer " + runs.incrementAndGet());
  }
}
