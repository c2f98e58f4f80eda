package org.cloudooo.handler.process;

import java.nio.file.Path;
import java.util.List;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.handler.Handler;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.ProcessResult;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * The steps every handler of a short-lived program takes (ffmpeg, ImageMagick): refuse
 * options, require a destination, name the files, stage the document, run the program under
 * the handler's {@link ProcessSupervisor}, read the output. A handler says only what differs:
 * its targets, its command lines and how it reads metadata.
 */
public abstract class ProcessHandler implements Handler {

  /** What one run reads and writes (names relative to the job directory) and its command. */
  public record Run(String input, String output, List<String> command) {}

  private final ProcessSupervisor supervisor;

  protected ProcessHandler(ProcessSupervisor supervisor) {
    this.supervisor = supervisor;
  }

  /** The extensions this handler writes, in the order faults list them. */
  protected abstract List<String> destinations();

  /**
   * The run converting a document to {@code destination}; refuses a destination or a source
   * the handler does not know ({@link ConversionRequest#unsupportedDestination}).
   */
  protected abstract Run conversion(ConversionRequest request, String destination);

  /** What may be wrong when the program fails or writes nothing, for the fault. */
  protected abstract String failureHint();

  /** The program's name in faults ({@code ffmpeg}, {@code ImageMagick}). */
  protected abstract String program();

  /** Checks a written output further (its size, ...); throws the fault when it is not acceptable. */
  protected void checkOutput(Path output, String task) {}

  @Override
  public final Path convert(ConversionRequest request) {
    request.requireNoOptions(name());
    String destination = request.requireDestination(name(), destinations());
    String task = "converting " + request.sourceFormat() + " to " + destination;
    return produce(request.jobDirectory(), request.document(), task, conversion(request, destination));
  }

  /** Stages the document, runs, and returns the output it must have written. */
  protected final Path produce(Path jobDirectory, Path document, String task, Run run) {
    JobFiles.stage(jobDirectory, run.input(), document);
    ProcessResult result = runChecked(task, run.command(), jobDirectory);
    Path output = JobFiles.requireOutput(jobDirectory, run.output(), program(), task, failureHint(), result);
    checkOutput(output, task);
    return output;
  }

  /** Stages the document, runs, and returns what the run printed (metadata listings). */
  protected final String printed(DocumentRequest document, String input, List<String> command) {
    JobFiles.stage(document.jobDirectory(), input, document.document());
    return runChecked("reading the metadata of " + document.sourceFormat(), command, document.jobDirectory()).stdoutText();
  }

  private ProcessResult runChecked(String task, List<String> command, Path jobDirectory) {
    ProcessResult result = supervisor.run(task, command, jobDirectory);
    if (!result.succeeded()) {
      throw ProcessSupervisor.failure(program(), task, result, failureHint());
    }
    return result;
  }

  @Override
  public final List<PoolStatus> pools() {
    return List.of(supervisor.status());
  }

  @Override
  public final void close() {
    supervisor.close();
  }
}
