package org.cloudooo.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in its own JVM, started by {@code Main} as an operator starts it, its log (stdout
 * and stderr) read line by line as it comes. {@link #close} kills it if it is still running.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern ACCEPTING = Pattern.compile("Accepting on http://127.0.0.1:(\\d+)/");
  private static final long WAIT_MINUTES = 2;

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "server-process-log");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code Main} on {@code workingPath} with these {@code -Dkey=value} settings, with the
   * run's LibreOffice profile template there (see {@link TestProfiles}).
   */
  static ServerProcess start(Path workingPath, String... properties) throws IOException {
    TestProfiles.seed(workingPath);
    return startFromScratch(workingPath, properties);
  }

  /** Starts {@code Main} on {@code workingPath} as it is: without a template, its first soffice makes a profile. */
  static ServerProcess startFromScratch(Path workingPath, String... properties) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "-Dworking_path=" + workingPath));
    command.addAll(List.of(properties));
    command.add("org.cloudooo.server.Main");
    return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        output.append(line).append('\n');
        Matcher accepting = ACCEPTING.matcher(line);
        if (accepting.find()) {
          port.complete(Integer.parseInt(accepting.group(1)));
        }
      }
      port.completeExceptionally(new IllegalStateException("the server ended before accepting:\n" + output));
      drained.complete(null);
    } catch (IOException e) {
      port.completeExceptionally(e);
      drained.completeExceptionally(new UncheckedIOException(e));
    }
  }

  /** The HTTP port, once the server logs that it accepts. */
  int awaitPort() throws Exception {
    return port.get(WAIT_MINUTES, TimeUnit.MINUTES);
  }

  long pid() {
    return process.pid();
  }

  /** Sends {@code SIGNAL} (TERM, HUP...) to the JVM. */
  void signal(String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the JVM to exit and its log to be read to the end; returns the exit code. */
  int awaitExit() throws Exception {
    if (!process.waitFor(WAIT_MINUTES, TimeUnit.MINUTES)) {
      throw new AssertionError("the server did not exit within " + WAIT_MINUTES + " minutes:\n" + output);
    }
    drained.get(10, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** Everything logged so far. */
  String output() {
    return output.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The soffice processes listening on a UNO port, as {@code ps} lists them. */
  static List<String> sofficeProcessesOn(int port) throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.contains("soffice") && l.contains("port=" + port + ",")).toList();
  }
}
