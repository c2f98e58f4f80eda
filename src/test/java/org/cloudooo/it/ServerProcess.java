package org.cloudooo.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own (the test class path), for tests that signal or kill it: its
 * port read from the log line "Accepting on ...", the rest of its log kept for assertions.
 */
final class ServerProcess {

  private static final Pattern ACCEPTING = Pattern.compile("Accepting on http://127.0.0.1:(\\d+)/");

  final Process process;
  final int port;
  private final StringBuilder log = new StringBuilder();
  private final CompletableFuture<Void> drain;

  private ServerProcess(Process process, BufferedReader output) throws Exception {
    this.process = process;
    this.port = awaitPort(output, log);
    this.drain = CompletableFuture.runAsync(() -> output.lines().forEach(line -> {
      synchronized (log) {
        log.append(line).append('\n');
      }
    }));
  }

  /** Starts {@code org.cloudooo.server.Main} with these {@code -Dkey=value} settings and waits until it accepts. */
  static ServerProcess start(List<String> settings) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dserver.port=0"));
    command.addAll(settings);
    command.add("org.cloudooo.server.Main");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      return new ServerProcess(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Sends a signal ({@code HUP}, {@code TERM}, {@code KILL}) to the JVM. */
  void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the JVM to exit and for the rest of its log. */
  boolean awaitExit() throws Exception {
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    drain.get(10, TimeUnit.SECONDS);
    return exited;
  }

  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  /** Reads the log up to the line that gives the port, into {@code seen}. */
  private static int awaitPort(BufferedReader log, StringBuilder seen) throws Exception {
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  synchronized (seen) {
                    seen.append(line).append('\n');
                  }
                  Matcher m = ACCEPTING.matcher(line);
                  if (m.find()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              throw new IllegalStateException("server ended before accepting:\n" + seen);
            });
    return port.get(2, TimeUnit.MINUTES);
  }

  static List<String> sofficeProcessesOn(int port) throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.contains("soffice") && l.contains("port=" + port + ",")).toList();
  }
}
