package org.cloudooo.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a backend process can work, from {@code /proc/PID/stat}: a process that exists but is
 * stopped (SIGSTOP, a debugger) or a zombie has a pid and still converts nothing.
 */
final class BackendProcesses {

  private static final Path PROC = Path.of("/proc");

  private BackendProcesses() {}

  /** True when the process exists and is neither stopped nor dead; true as well where /proc is missing. */
  static boolean isRunning(long pid) {
    if (pid <= 0) {
      return false;
    }
    if (!Files.isDirectory(PROC)) {
      return true; // not Linux: trust the pid
    }
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'.
      int end = stat.lastIndexOf(')');
      char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
      return state != 'T' && state != 't' && state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }
}
