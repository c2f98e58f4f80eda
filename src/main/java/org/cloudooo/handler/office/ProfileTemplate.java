package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.format.SafeXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An initialised LibreOffice user profile kept under {@code working_path/office}, from which
 * every worker start begins, across server runs: soffice then starts once instead of twice (a
 * new profile makes it exit with code 81 and start again). The first worker of a server that
 * finds no usable template starts from {@link LinkBlocking#writeSeedProfile a seed} and offers
 * its initialised profile.
 *
 * <p>A template is named by its {@link TemplateStamp}: another LibreOffice, environment or link
 * blocking finds no template of its own and builds one. It is published by an atomic rename of
 * a complete copy, so that no start (of this server or of another sharing the working path)
 * ever copies a half-written one; a template that turns out unusable is discarded and rebuilt.
 */
final class ProfileTemplate {

  /** Beside {@code user/} in a template: the stamp it was made under, written last. */
  static final String STAMP_FILE = "cloudooo-stamp.txt";
  /** A running soffice's files that a template does not hold, relative to its profile. */
  private static final Set<String> NOT_KEPT = Set.of(".lock", "user/GraphicsRenderTests.log");
  private static final String PREFIX = "profile-template";
  private static final String INCOMING = ".incoming-";
  private static final String DISCARDED = ".discarded-";
  /** A copy being published takes well under a second; one this old was left by a killed server. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(ProfileTemplate.class);

  /**
   * The profile a start copied, and which publication of the template it was.
   *
   * @param directory the template or the seed
   * @param generation changes at each publication or discard, so that a late report of a failed
   *     start does not discard a template published since
   */
  record Origin(Path directory, long generation) {}

  private final Path officeDirectory;
  private final TemplateStamp stamp;
  private final Path directory;
  private final Path seed;
  private boolean kept;
  private long generation;

  /** Finds this stamp's template under {@code officeDirectory}, or prepares to make one. */
  ProfileTemplate(Path officeDirectory, TemplateStamp stamp) throws IOException {
    this.officeDirectory = officeDirectory;
    this.stamp = stamp;
    this.directory = officeDirectory.resolve(PREFIX + "-" + stamp.id());
    this.seed = LinkBlocking.writeSeedProfile(officeDirectory.resolve("profile-seed"));
    Optional<String> problem = problem(directory, stamp);
    if (problem.isEmpty()) {
      kept = true;
      LOG.info("LibreOffice profile template {} reused: workers start without initialising a profile", directory);
    } else if (Files.exists(directory)) {
      LOG.warn("LibreOffice profile template {} is unusable ({}); it is rebuilt", directory, problem.get());
      remove(directory);
    } else {
      LOG.info("no LibreOffice profile template for this installation yet; the first worker to start makes {}", directory);
    }
    removeLeftovers();
  }

  /** The profile a start copies now: the kept template, or the seed. */
  synchronized Origin toCopy() {
    return new Origin(kept ? directory : seed, generation);
  }

  /**
   * Publishes the profile a worker that started from the seed initialised (once): a complete
   * copy, stamped, then renamed into place.
   */
  synchronized void offer(Path workerDirectory) {
    if (kept) {
      return;
    }
    Path incoming = null;
    try {
      Optional<Path> profile = instanceProfile(workerDirectory);
      if (profile.isEmpty()) {
        LOG.warn("no initialised profile under {} to keep as the template", workerDirectory);
        return;
      }
      incoming = Files.createTempDirectory(officeDirectory, INCOMING);
      copyProfile(profile.get(), incoming);
      Files.writeString(incoming.resolve(STAMP_FILE), stamp.text(), StandardCharsets.UTF_8);
      publish(incoming);
      kept = true;
      generation++;
    } catch (IOException e) {
      LOG.warn("could not keep a LibreOffice profile template ({}); starts keep initialising their profile", e.getMessage());
    } finally {
      if (incoming != null && Files.exists(incoming)) {
        remove(incoming);
      }
    }
  }

  private void publish(Path incoming) throws IOException {
    try {
      Files.move(incoming, directory, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("LibreOffice profile template {} kept: later starts, of this server run and the next ones, use it", directory);
    } catch (IOException e) {
      if (!Files.exists(directory)) {
        throw e;
      }
      // Another server sharing the working path published first (Linux then says "Directory not
      // empty"): the same stamp, as good as ours.
      Optional<String> problem = problem(directory, stamp);
      if (problem.isPresent()) {
        throw new IOException(directory + " appeared meanwhile and is unusable (" + problem.get() + ")", e);
      }
      LOG.info("LibreOffice profile template {} kept by another server sharing the working path; using it", directory);
    }
  }

  /**
   * Drops the template after a start from it failed, so that the next starts begin from the
   * seed and the first to succeed keeps a new one.
   *
   * @return whether {@code origin} was the template (a start from the seed may then work)
   */
  synchronized boolean discard(Origin origin, String reason) {
    if (!origin.directory().equals(directory)) {
      return false;
    }
    if (kept && origin.generation() == generation) {
      kept = false;
      generation++;
      LOG.warn("LibreOffice profile template {} discarded: {}; starting from a fresh profile, a new template follows", directory, reason);
      remove(directory);
    }
    return true;
  }

  /** Why {@code template} cannot be used, or empty when it can. */
  static Optional<String> problem(Path template, TemplateStamp expected) {
    Path stampFile = template.resolve(STAMP_FILE);
    Path items = template.resolve("user").resolve("registrymodifications.xcu");
    try {
      if (!Files.isDirectory(template)) {
        return Optional.of("missing");
      }
      if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile, StandardCharsets.UTF_8).equals(expected.text())) {
        return Optional.of("made by another installation, environment or version of the server");
      }
      if (!Files.isRegularFile(items)) {
        return Optional.of("user/registrymodifications.xcu is missing");
      }
      SafeXml.threadSaxParser().parse(items.toFile(), new DefaultHandler());
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of("user/registrymodifications.xcu cannot be read: " + e.getMessage());
    }
  }

  /** jodconverter's profile directory (the one holding {@code user/}) under a worker's directory. */
  private static Optional<Path> instanceProfile(Path workerDirectory) throws IOException {
    try (Stream<Path> entries = Files.list(workerDirectory)) {
      return entries.filter(p -> Files.isDirectory(p.resolve("user"))).findFirst();
    }
  }

  /**
   * Copies a running soffice's profile, all but its lock file (the template is nobody's
   * instance) and the log of the render tests its first start ran: that log in a worker's
   * profile shows that the worker's start ran them, which starts from the template must not
   * ({@link ProfileVersion}); a copied one would say so falsely.
   */
  private static void copyProfile(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path relative = from.relativize(source);
        if (NOT_KEPT.contains(relative.toString())) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Other stamps' templates, the layout before stamps, abandoned copies, discarded templates. */
  private void removeLeftovers() throws IOException {
    Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
    List<Path> leftovers;
    try (Stream<Path> entries = Files.list(officeDirectory)) {
      leftovers = entries.filter(path -> {
        String name = path.getFileName().toString();
        return (name.startsWith(PREFIX) && !path.equals(directory)) || name.startsWith(DISCARDED)
            || (name.startsWith(INCOMING) && modifiedBefore(path, abandoned));
      }).toList();
    }
    leftovers.forEach(ProfileTemplate::remove);
  }

  private static boolean modifiedBefore(Path path, Instant instant) {
    try {
      return Files.getLastModifiedTime(path).toInstant().isBefore(instant);
    } catch (IOException e) {
      return false;
    }
  }

  /** Renames a directory out of the way first, so that nobody finds it half deleted. */
  private static void remove(Path path) {
    try {
      Path doomed = path;
      if (!path.getFileName().toString().startsWith(DISCARDED)) {
        doomed = path.resolveSibling(DISCARDED + path.getFileName() + "-" + System.nanoTime());
        Files.move(path, doomed, StandardCopyOption.ATOMIC_MOVE);
      }
      PathUtils.delete(doomed);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.getMessage());
    }
  }
}
