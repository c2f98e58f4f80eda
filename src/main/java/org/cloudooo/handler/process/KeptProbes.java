package org.cloudooo.handler.process;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cloudooo.core.AtomicFiles;
import org.cloudooo.supervision.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a handler's programs said at an earlier start (their formats, muxers, encoders), kept
 * under {@code working_path/probes}: each probe launches a program that loads its libraries,
 * some 200 ms of CPU that LibreOffice's start, which runs beside it on every core, would wait
 * for. An answer is reused only while nothing it depends on changed: the program (its real
 * path, size and modification time, after links), the environment it runs with, and the
 * system's package database (Debian's {@code /var/lib/dpkg/status} changes whenever a package
 * is installed, upgraded or removed, which is how a program's libraries and delegates change;
 * without one nothing is kept). A failed probe is not kept.
 */
final class KeptProbes {

  private static final Logger LOG = LoggerFactory.getLogger(KeptProbes.class);
  private static final Gson GSON = new Gson();
  private static final Path PACKAGE_DATABASE = Path.of("/var/lib/dpkg/status");

  /** One answer and what it was given under. */
  private record Kept(String stamp, String output) {}

  private final Path file;
  private final String searchPath;
  private final String environment;
  private final Path packageDatabase;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * @param file where this handler's answers are kept
   * @param searchPath the PATH the programs are found on
   * @param environment the variables the programs run with beyond the server's own ({@code env-*}):
   *     they may change what a program supports (library paths, configuration paths)
   */
  KeptProbes(Path file, String searchPath, Map<String, String> environment) {
    this(file, searchPath, environment, PACKAGE_DATABASE);
  }

  KeptProbes(Path file, String searchPath, Map<String, String> environment, Path packageDatabase) {
    this.file = file;
    this.searchPath = searchPath;
    this.environment = new TreeMap<>(environment).toString();
    this.packageDatabase = packageDatabase;
    kept.putAll(read(file));
  }

  /** The program's answer to {@code command}: as kept when still valid, else {@code run}'s (then kept). */
  String output(String name, String task, List<String> command, Supplier<String> run) {
    String key = String.join(" ", command);
    Optional<String> stamp = stamp(command.get(0));
    Kept earlier = kept.get(key);
    if (stamp.isPresent() && earlier != null && stamp.get().equals(earlier.stamp()) && earlier.output() != null) {
      LOG.info("{} {}: as kept by an earlier start in {}", name, task, file);
      return earlier.output();
    }
    String output = run.get();
    stamp.ifPresent(s -> {
      kept.put(key, new Kept(s, output));
      write();
    });
    return output;
  }

  /**
   * What the answer depends on; empty when the program cannot be found (the run then says so)
   * or when no package database tells of library upgrades (nothing is kept then).
   */
  private Optional<String> stamp(String program) {
    try {
      Optional<Path> found = ProcessTree.findExecutable(program, searchPath);
      if (found.isEmpty() || !Files.exists(packageDatabase)) {
        return Optional.empty();
      }
      Path real = found.get().toRealPath();
      return Optional.of(real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis()
          + " packages " + Files.getLastModifiedTime(packageDatabase).toMillis() + " env " + environment);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private synchronized void write() {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, GSON.toJson(kept).getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      LOG.warn("could not keep the programs' answers in {} (the next start asks again): {}", file, e.getMessage());
    }
  }

  private static Map<String, Kept> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Map<String, Kept> read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), new TypeToken<Map<String, Kept>>() {}.getType());
      if (read == null) {
        return Map.of();
      }
      // An entry without its fields (a hand edit, another version's layout) is asked again.
      Map<String, Kept> whole = new HashMap<>();
      read.forEach((command, answer) -> {
        if (command != null && answer != null && answer.stamp() != null && answer.output() != null) {
          whole.put(command, answer);
        }
      });
      return whole;
    } catch (IOException | RuntimeException e) {
      // Damaged, or written by another version of this server: asking again puts it right.
      LOG.warn("the programs' answers kept in {} cannot be read ({}); they are asked again", file, e.getMessage());
      return Map.of();
    }
  }
}
