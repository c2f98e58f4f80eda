package org.cloudooo.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.cloudooo.core.AtomicFiles;

/**
 * The name an instance claims jobs under in a shared job store: random, kept in a file under
 * its {@code working_path} so that a restarted instance knows its own claims (the jobs a crash
 * cut off run again at once, not after the lease). Instances sharing a store need working paths
 * of their own, as they do for their LibreOffice profiles anyway.
 */
public final class InstanceId {

  private static final String FILE = "instance-id";
  private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");

  private InstanceId() {}

  /** The id kept under {@code workingPath}, made on first use. */
  public static String of(Path workingPath) throws IOException {
    Path file = workingPath.resolve(FILE);
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (VALID.matcher(kept).matches()) {
        return kept;
      }
    }
    Files.createDirectories(workingPath);
    String made = Tickets.next();
    AtomicFiles.write(file, made.getBytes(StandardCharsets.UTF_8), true);
    return made;
  }
}
