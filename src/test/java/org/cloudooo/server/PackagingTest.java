package org.cloudooo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** packaging/: the systemd unit passes systemd-analyze, the Dockerfile holds what the README promises. */
class PackagingTest {

  private static final Path UNIT = Path.of("packaging", "cloudooo.service");
  private static final Path DOCKERFILE = Path.of("packaging", "Dockerfile");
  private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY",
      "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
  private static final Pattern PACKAGES = Pattern.compile("packages=\\(([^)]*)\\)");

  @Test
  void systemdUnitVerifies() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    Process verify = new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // It exits 0 on ignored lines too; what concerns the unit names its file.
    assertThat(output.lines().filter(line -> line.contains("cloudooo.service"))).as(output).isEmpty();
    assertThat(Files.readString(UNIT)).contains("ExecStart=/usr/bin/java -XX:TieredStopAtLevel=1 -jar /opt/cloudooo/cloudooo.jar", "KillSignal=SIGTERM");
  }

  /** Instructions with their continuation lines joined, comments dropped. */
  static List<String> instructions() throws Exception {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String text = line.strip();
      if (text.startsWith("#") || (text.isEmpty() && current.isEmpty())) {
        continue;
      }
      current.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text).append(' ');
      if (!text.endsWith("\\")) {
        instructions.add(current.toString().strip().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    assertThat(current.toString().strip()).as("a continuation ends the file").isEmpty();
    return instructions;
  }

  @Test
  void dockerfileIsWellFormedAndRunsAsAUserWithAHealthCheck() throws Exception {
    List<String> instructions = instructions();
    for (String instruction : instructions) {
      assertThat(INSTRUCTIONS).as(instruction).contains(instruction.split(" ")[0]);
    }
    assertThat(instructions.get(0)).startsWith("FROM debian:bookworm");
    assertThat(instructions).anyMatch(i -> i.startsWith("COPY target/cloudooo.jar "));
    assertThat(instructions).anyMatch(i -> i.matches("USER (?!root\\b)\\w+"));
    assertThat(instructions).anyMatch(i -> i.startsWith("HEALTHCHECK ") && i.contains(" CMD curl ") && i.contains("/health"));
    assertThat(instructions).anyMatch(i -> i.startsWith("ENTRYPOINT [\"java\", \"-XX:TieredStopAtLevel=1\", \"-jar\""));
  }

  @Test
  void dockerImageInstallsTheBackendsAndFontsOfInstallDeps() throws Exception {
    Matcher m = PACKAGES.matcher(Files.readString(Path.of(".ci", "install-deps")));
    assertThat(m.find()).isTrue();
    String install = instructions().stream().filter(i -> i.startsWith("RUN apt-get update")).findFirst().orElseThrow();
    List<String> needed = Arrays.stream(m.group(1).trim().split("\\s+"))
        .filter(name -> !Set.of("python3", "python3-uno", "chromium", "chromium-driver", "haproxy").contains(name)).toList();
    assertThat(needed).isNotEmpty();
    for (String name : needed) {
      assertThat(install).as(name).containsPattern("\\s" + Pattern.quote(name) + "(\\s|$)");
    }
    assertThat(install).contains("openjdk-17-jre-headless");
  }
}
