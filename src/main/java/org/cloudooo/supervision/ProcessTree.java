package org.cloudooo.supervision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a command as the leader of its own process group (through {@code setsid}, when the
 * system has it) and kills it with everything it started.
 *
 * <p>Descendants alone are not enough: a child whose parent died is re-parented to init and
 * no longer appears under the root. The process group catches those, unless they left it on
 * purpose (a daemon), which ffmpeg and ImageMagick do not do.
 */
public final class ProcessTree {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path PROC = Path.of("/proc");

  private ProcessTree() {}

  /**
   * The command line that runs {@code program} as the leader of a new process group: prefixed
   * with {@code setsid} when the system has it.
   */
  static List<String> inOwnGroup(Path program, List<String> arguments) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // A process Java starts never leads a group, so setsid calls setsid(2) and execs: the pid
      // Java sees is the program's, and its process group id is that pid.
      command.add(SETSID.toString());
    }
    command.add(program.toString());
    command.addAll(arguments);
    return command;
  }

  /**
   * The executable a command name stands for: the name itself when it holds a slash, else the
   * first match in {@code searchPath} (a PATH value). Resolved here so that a missing program
   * is told apart from a program that fails (setsid would answer both with exit code 127).
   */
  public static Optional<Path> findExecutable(String name, String searchPath) {
    if (name.contains("/")) {
      Path path = Path.of(name);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    for (String directory : searchPath.split(":")) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Kills the root, every descendant and every member of the root's process group with
   * SIGKILL, then waits up to {@code grace} for them to be gone; returns the processes still
   * alive after that (normally none).
   */
  public static List<ProcessHandle> kill(ProcessHandle root, Duration grace) {
    Set<ProcessHandle> members = new LinkedHashSet<>();
    members.add(root);
    root.descendants().forEach(members::add);
    members.addAll(groupMembers(root.pid()));
    // The root first: once dead it starts nothing more.
    members.forEach(ProcessHandle::destroyForcibly);
    // Children forked between the snapshot and the kill are in the group too.
    groupMembers(root.pid()).forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessHandle> survivors = new ArrayList<>();
    for (ProcessHandle member : members) {
      try {
        member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        survivors.add(member);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        survivors.add(member);
      }
    }
    survivors.removeIf(handle -> !handle.isAlive());
    return survivors;
  }

  /** The live process whose command line contains every given fragment (not a child it forked). */
  public static Optional<ProcessHandle> find(String... fragments) {
    List<ProcessHandle> matches;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      matches = all.filter(ProcessHandle::isAlive)
          .filter(process -> process.info().commandLine().map(line -> containsAll(line, fragments)).orElse(false))
          .toList();
    }
    // A child that the process just forked shows its parent's command line until it execs: the
    // match whose parent is no match is the process itself.
    Set<Long> pids = matches.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    return matches.stream()
        .filter(process -> process.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }

  private static boolean containsAll(String line, String[] fragments) {
    for (String fragment : fragments) {
      if (!line.contains(fragment)) {
        return false;
      }
    }
    return true;
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
    try (Stream<String> lines = Files.lines(PROC.resolve(String.valueOf(pid)).resolve("status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:"))
          .findFirst()
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile, or /proc is not there
    }
  }

  /**
   * The live processes whose process group is {@code groupId}: empty when /proc is unreadable
   * or when that group is the server's own (the command was not started in a group of its own).
   */
  static List<ProcessHandle> groupMembers(long groupId) {
    OptionalLong ownGroup = processGroupOf(ProcessHandle.current().pid());
    if (ownGroup.isEmpty() || ownGroup.getAsLong() == groupId || !Files.isDirectory(PROC)) {
      return List.of();
    }
    List<ProcessHandle> members = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .map(path -> path.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .filter(pid -> processGroupOf(pid).orElse(-1) == groupId)
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(members::add));
    } catch (IOException | RuntimeException e) {
      // /proc changes while it is read; what was seen is all we can kill.
    }
    return members;
  }

  /** Field 5 of {@code /proc/<pid>/stat}, read after the command name (which may hold spaces). */
  static OptionalLong processGroupOf(long pid) {
    Optional<String> stat = readStat(pid);
    if (stat.isEmpty()) {
      return OptionalLong.empty();
    }
    String line = stat.get();
    int endOfName = line.lastIndexOf(')');
    String[] fields = line.substring(endOfName + 2).split(" ");
    try {
      return fields.length > 2 ? OptionalLong.of(Long.parseLong(fields[2])) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<String> readStat(long pid) {
    try {
      return Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
