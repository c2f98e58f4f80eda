package org.cloudooo.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Facts about a running process and its descendants, read from {@code /proc} (Linux). */
public final class ProcessTree {

  private ProcessTree() {}

  /** The first live process whose command line contains every given fragment. */
  public static Optional<ProcessHandle> find(String... fragments) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(ProcessHandle::isAlive)
          .filter(process -> process.info().commandLine().map(line -> containsAll(line, fragments)).orElse(false))
          .findFirst();
    }
  }

  private static boolean containsAll(String line, String[] fragments) {
    for (String fragment : fragments) {
      if (!line.contains(fragment)) {
        return false;
      }
    }
    return true;
  }

  /** Kills a process and all its descendants at once (SIGKILL), children first; waits up to 10 s. */
  public static void kill(ProcessHandle process) {
    List<ProcessHandle> tree;
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      tree = new ArrayList<>(descendants.toList());
    }
    tree.add(process);
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle member : tree) {
      try {
        member.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // still there after 10 s: nothing more a user process can do
      }
    }
  }

  /** Resident memory of a process and all its descendants, in bytes; 0 when unreadable. */
  public static long residentBytes(ProcessHandle process) {
    long total = residentBytes(process.pid());
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      total += descendants.mapToLong(child -> residentBytes(child.pid())).sum();
    }
    return total;
  }

  private static long residentBytes(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:"))
          .findFirst()
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile, or /proc is not there
    }
  }
}
