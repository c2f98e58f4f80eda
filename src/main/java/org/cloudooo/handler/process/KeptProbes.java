package org.cloudooo.handler.process;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * path, size and modification time, after links) and the system's package database (Debian's
 * {@code /var/lib/dpkg/status} changes whenever a package is installed, upgraded or removed,
 * which is how a program's libraries and delegates change). A failed probe is not kept.
 */
final class KeptProbes {

  private static final Logger LOG = LoggerFactory.getLogger(KeptProbes.class);
  private static final Gson GSON = new Gson();
  private static final Path PACKAGE_DATABASE = Path.of("/var/lib/dpkg/status");

  /** One answer and what it was given under. */
  private record Kept(String stamp, String output) {}

  private final Path file;
  private final String searchPath;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * @param file where this handler's answers are kept
   * @param searchPath the PATH the programs are found on
   */
  KeptProbes(Path file, String searchPath) {
    this.file = file;
    this.searchPath = searchPath;
    kept.putAll(read(file));
  }

  /** The program's answer to {@code command}: as kept when still valid, else {@code run}'s (then kept). */
  String output(String name, String task, List<String> command, Supplier<String> run) {
    String key = String.join(" ", command);
    Optional<String> stamp = stamp(command.get(0));
    Kept earlier = kept.get(key);
    if (stamp.isPresent() && earlier != null && earlier.stamp().equals(stamp.get())) {
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

  /** What the answer depends on, or empty when the program cannot be found (the run then says so). */
  private Optional<String> stamp(String program) {
    try {
      Optional<Path> found = ProcessTree.findExecutable(program, searchPath);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Path real = found.get().toRealPath();
      String packages = Files.exists(PACKAGE_DATABASE) ? String.valueOf(Files.getLastModifiedTime(PACKAGE_DATABASE).toMillis()) : "none";
      return Optional.of(real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis() + " packages " + packages);
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
      return read == null ? Map.of() : Map.copyOf(read);
    } catch (IOException | RuntimeException e) {
      // Damaged, or written by another version of this server: asking again puts it right.
      LOG.warn("the programs' answers kept in {} cannot be read ({}); they are asked again", file, e.getMessage());
      return Map.of();
    }
  }
}
