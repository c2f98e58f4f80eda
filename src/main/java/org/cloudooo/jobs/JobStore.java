package org.cloudooo.jobs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.core.AtomicFiles;
import org.cloudooo.core.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs on disk, one folder each under the store's root:
 * <pre>
 *   TICKET/status.json    the {@link JobRecord}, rewritten atomically at each change
 *   TICKET/input/NAME     the documents, under their names
 *   TICKET/macro.bas      a macro job's Basic source
 *   TICKET/output/NAME    the result, moved in once complete
 *   TICKET/queued         or claimed-INSTANCE: who runs it ({@link JobClaims})
 *   TICKET/cancel         a deleteJob for its owner, sent through another instance
 * </pre>
 * A job's folder is built under a hidden name and renamed into place when complete, so that a
 * crash leaves either a whole job or a leftover that the next start removes. Counts the bytes
 * it holds, for {@code job_store_max_bytes}.
 */
final class JobStore {

  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
  private static final String STATUS = "status.json";
  private static final String INPUT = "input";
  private static final String OUTPUT = "output";
  private static final String MACRO = "macro.bas";
  private static final String INCOMPLETE = ".incoming-";
  private static final String PARTIAL = ".partial-";
  private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new InstantAdapter()).create();

  private final Path root;
  private final AtomicLong bytes = new AtomicLong();

  JobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  /**
   * Every job kept, read at start; leftovers of submissions a crash cut off are removed once
   * older than {@code incompleteAge} (younger ones may be another instance's, being stored).
   */
  List<JobRecord> load(Duration incompleteAge, Instant now) throws IOException {
    List<JobRecord> records = new ArrayList<>();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path folder : entries.toList()) {
        String name = folder.getFileName().toString();
        Path status = folder.resolve(STATUS);
        try {
          if (name.startsWith(".unreadable-")) {
            continue;
          }
          if (name.startsWith(".") || !Files.isRegularFile(status)) {
            if (Files.getLastModifiedTime(folder).toInstant().plus(incompleteAge).isBefore(now)) {
              LOG.info("removing {} from the job store: an incomplete submission", name);
              deleteQuietly(folder);
            }
            continue;
          }
          records.add(parse(Files.readString(status, StandardCharsets.UTF_8)));
          bytes.addAndGet(sizeOf(folder));
        } catch (NoSuchFileException e) {
          // Deleted by another instance sharing the store while this one looked.
        } catch (JsonParseException e) {
          LOG.error("job {}: its status file cannot be read ({}); moving it aside", name, e.getMessage());
          Files.move(folder, root.resolve(".unreadable-" + name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return records;
  }

  /** The job's status as stored now; empty when it is not (or no longer) in the store. */
  Optional<JobRecord> read(String ticket) {
    try {
      return Optional.of(parse(Files.readString(folder(ticket).resolve(STATUS), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | JsonParseException e) {
      throw CloudoooException.failed("job " + ticket + ": its status in the job store (job_store_path) cannot be read: "
          + e.getMessage(), e);
    }
  }

  /**
   * Which write of the job's status the store holds now (its file, time and size), to tell
   * whether it changed without reading it; empty when the job is not in the store. Every write
   * replaces the file (an atomic rename), so a new write is a new file.
   */
  Optional<String> statusVersion(String ticket) {
    try {
      BasicFileAttributes status = Files.readAttributes(folder(ticket).resolve(STATUS), BasicFileAttributes.class);
      return Optional.of(status.fileKey() + "@" + status.lastModifiedTime().toMillis() + "/" + status.size());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The tickets of the jobs in the store now, stored by any instance. */
  List<String> tickets() {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.map(entry -> entry.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  private static JobRecord parse(String json) {
    JobRecord record = GSON.fromJson(json, JobRecord.class);
    if (record == null || record.ticket() == null) {
      throw new JsonParseException("an empty status");
    }
    return record;
  }

  /**
   * Stores a new job: its documents (moved from the request's workspace), its macro and its status.
   *
   * @param documents the files, in the order of {@code record.request().documents()}
   * @param macro the macro's source, null for a conversion job
   */
  void create(JobRecord record, List<Path> documents, String macro) {
    Path incoming = root.resolve(INCOMPLETE + record.ticket());
    try {
      Path input = Files.createDirectories(incoming.resolve(INPUT));
      Files.createDirectory(incoming.resolve(OUTPUT));
      List<JobRequest.Document> named = record.request().documents();
      for (int i = 0; i < named.size(); i++) {
        Files.move(documents.get(i), input.resolve(named.get(i).name()), StandardCopyOption.REPLACE_EXISTING);
      }
      if (macro != null) {
        Files.writeString(incoming.resolve(MACRO), macro, StandardCharsets.UTF_8);
      }
      JobClaims.markQueued(incoming);
      // The client is told its job was accepted: that much survives even a power loss.
      AtomicFiles.write(incoming.resolve(STATUS), json(record), true);
      Files.move(incoming, folder(record.ticket()), StandardCopyOption.ATOMIC_MOVE);
      bytes.addAndGet(sizeOf(folder(record.ticket())));
    } catch (IOException e) {
      deleteQuietly(incoming);
      throw unusable(e);
    }
  }

  /**
   * Rewrites a job's status. Not forced to disk: a crash of the JVM loses nothing, and after a
   * crash of the machine a job whose last change was lost runs again (that costs a conversion;
   * forcing every change would cost each job some 10 ms of its worker's time).
   */
  void save(JobRecord record) {
    try {
      AtomicFiles.write(folder(record.ticket()).resolve(STATUS), json(record), false);
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  Path input(String ticket, String name) {
    return folder(ticket).resolve(INPUT).resolve(name);
  }

  String macro(String ticket) {
    try {
      return Files.readString(folder(ticket).resolve(MACRO), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  /** A new file to write a result into; {@link #publish} puts it in place. */
  Path partialResult(String ticket, String name) {
    return folder(ticket).resolve(OUTPUT).resolve(PARTIAL + name);
  }

  /** Moves a complete result into the job's output folder. */
  long publish(String ticket, Path complete, String name) {
    try {
      Path target = result(ticket, name);
      if (complete.getParent().equals(target.getParent())) {
        AtomicFiles.publish(complete, target);
      } else {
        // From the workspace: moved under a hidden name first (a copy when it is on another file system).
        Path partial = partialResult(ticket, name);
        Files.move(complete, partial, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.publish(partial, target);
      }
      long size = Files.size(target);
      bytes.addAndGet(size);
      return size;
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  Path result(String ticket, String name) {
    return folder(ticket).resolve(OUTPUT).resolve(name);
  }

  /** Empties the output folder of a job that will run again. */
  void clearOutput(String ticket) {
    Path output = folder(ticket).resolve(OUTPUT);
    forgetBytes(sizeOf(output));
    try {
      PathUtils.cleanDirectory(output);
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  /** Removes the documents and the result; the status stays. */
  void removeFiles(String ticket) {
    for (Path part : List.of(folder(ticket).resolve(INPUT), folder(ticket).resolve(OUTPUT), folder(ticket).resolve(MACRO))) {
      forgetBytes(sizeOf(part));
      deleteQuietly(part);
    }
  }

  /** Removes the whole job. */
  void delete(String ticket) {
    Path folder = folder(ticket);
    forgetBytes(sizeOf(folder));
    deleteQuietly(folder);
  }

  /**
   * Counts out a removed part. Never below 0: with a shared store, this instance may remove a job
   * that another one stored and that it never counted.
   */
  private void forgetBytes(long removed) {
    bytes.accumulateAndGet(removed, (held, gone) -> Math.max(0, held - gone));
  }

  /** What the store holds now, in bytes: what this instance stored, and what it found at start. */
  long bytes() {
    return bytes.get();
  }

  Path folder(String ticket) {
    return root.resolve(ticket);
  }

  /**
   * Writes and reads back a status in memory: the JSON machinery (some 80 classes, the date
   * formats) loads then, not at the first job nor at start after the backends.
   */
  static void warmUp() {
    JobRequest request = new JobRequest(List.of(new JobRequest.Document("document-1.txt", "txt")), false, "pdf", false,
        false, Map.of("quality", 90), null, null, 60, null);
    parse(new String(json(JobRecord.queued("warm-up", request, Instant.now())), StandardCharsets.UTF_8));
  }

  private static byte[] json(JobRecord record) {
    return GSON.toJson(record).getBytes(StandardCharsets.UTF_8);
  }

  static long sizeOf(Path path) {
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      if (Files.exists(path)) {
        PathUtils.delete(path);
      }
    } catch (NoSuchFileException e) {
      // Another instance sharing the store deleted it first.
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.getMessage());
    }
  }

  private CloudoooException unusable(IOException e) {
    return CloudoooException.failed("the job store " + root + " (job_store_path) cannot be used: " + e.getMessage(), e);
  }

  /** Instants as ISO-8601 text. */
  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else {
        out.value(value.toString());
      }
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      return Instant.parse(in.nextString());
    }
  }
}
