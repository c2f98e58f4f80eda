import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.document.DocumentFormat;
import org.jodconverter.core.office.OfficeUtils;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.office.LocalOfficeManager;
import org.slf4j.LoggerFactory;

/**
 * The reference our server is compared with: a bare JODConverter (a LocalOfficeManager pool,
 * LocalConverter from file to file, the load properties our server uses) converting a corpus
 * from N client threads, without XML-RPC, base64, job directories or our pool in between.
 *
 * <p>Usage: {@code java -cp target/cloudooo.jar bench/BareJodConverter.java CORPUS_FILE
 * [--clients N] [--seconds S | --count N] [--warmup S] [--pool N] [--port P] [--max-tasks N]}
 *
 * <p>CORPUS_FILE is what {@code bench/corpus.py} prints. First every office process is warmed
 * up ({@code --pool} threads for {@code --warmup} seconds, at least one conversion each), then
 * the clients go round the corpus for S seconds (or until N conversions were started). Prints
 * the two lines of {@code bench/load.py}, computed the same way:
 * {@code <conversions> <seconds> <errors> <p50 ms> <p99 ms>} and {@code medians <type>=<ms> ...}.
 * Every soffice it started is stopped at the end, also on Ctrl-C or SIGTERM.
 */
public final class BareJodConverter {

  /** One conversion of the corpus: a file, its format and the format to convert it to. */
  record Entry(File file, String source, DocumentFormat sourceFormat, DocumentFormat targetFormat) {}

  /** One successful conversion: the source type and how long it took. */
  record Sample(String source, double millis) {}

  /** What a round of client threads did. */
  record Outcome(List<Sample> samples, long errors, double seconds) {}

  record Options(Path corpus, int clients, double seconds, long count, double warmup, int pool, int port, int maxTasks) {}

  private static final String OFFICE_HOME = "/usr/lib/libreoffice";
  private static final short NEVER_EXECUTE = com.sun.star.document.MacroExecMode.NEVER_EXECUTE;
  private static final short NO_UPDATE = com.sun.star.document.UpdateDocMode.NO_UPDATE;

  public static void main(String[] args) throws Exception {
    Options options;
    List<Entry> corpus;
    try {
      options = parse(args);
      corpus = readCorpus(options.corpus());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    Path temp = Files.createTempDirectory("bare-jodconverter");
    var ports = new int[options.pool()];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = options.port() + i;
    }
    LocalOfficeManager officeManager =
        LocalOfficeManager.builder()
            .officeHome(OFFICE_HOME)
            .portNumbers(ports)
            .workingDir(Files.createDirectories(temp.resolve("work")).toFile())
            .maxTasksPerProcess(options.maxTasks())
            .build();
    var stopped = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopped.compareAndSet(false, true)) {
        stopOffice(officeManager, temp);
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "stop-office"));
    try {
      officeManager.start();
      Converters converter = Converters.of(officeManager);
      Path outputs = Files.createDirectories(temp.resolve("out"));

      convertRound(converter, corpus, outputs, options.pool(), options.warmup(), Long.MAX_VALUE, 1, stopped);
      Outcome outcome =
          convertRound(converter, corpus, outputs, options.clients(), options.seconds(), options.count(), 0, stopped);
      if (stopped.get()) {
        return; // interrupted: no line that could pass for a measurement
      }
      System.out.println(summary(outcome));
      System.out.println(medians(outcome, corpus));
    } finally {
      stop.run();
    }
  }

  /**
   * Runs {@code clients} threads that take the corpus entries in turn (one counter for all) and
   * convert them until {@code seconds} have passed or {@code count} conversions were started;
   * each thread converts at least {@code minimumEach} documents. All stop once {@code stopped}
   * is set (the office is being stopped: Ctrl-C).
   */
  static Outcome convertRound(
      Converters converter,
      List<Entry> corpus,
      Path outputs,
      int clients,
      double seconds,
      long count,
      int minimumEach,
      AtomicBoolean stopped)
      throws InterruptedException {
    long budget = (long) (seconds * 1e9); // saturates at Long.MAX_VALUE: no time limit
    var jobs = new AtomicLong();
    var errors = new AtomicLong();
    List<Sample> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int client = 0; client < clients; client++) {
      Path outputDirectory = outputs.resolve("client-" + client);
      var thread = new Thread(() -> {
        for (int done = 0; done < minimumEach || System.nanoTime() - started < budget; done++) {
          long job = jobs.getAndIncrement();
          if (job >= count || stopped.get()) {
            break;
          }
          Entry entry = corpus.get((int) (job % corpus.size()));
          try {
            double millis = convert(converter, entry, outputDirectory);
            synchronized (samples) {
              samples.add(new Sample(entry.source(), millis));
            }
          } catch (Exception e) { // counted, the run goes on
            if (stopped.get()) {
              break;
            }
            errors.incrementAndGet();
            System.err.println("error: " + entry.source() + " → " + entry.targetFormat().getExtension() + ": " + e);
          }
        }
      }, "client-" + client);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Outcome(samples, errors.get(), (System.nanoTime() - started) / 1e9);
  }

  /** Converts one entry from file to file; returns the milliseconds it took. */
  static double convert(Converters converters, Entry entry, Path outputDirectory) throws Exception {
    LocalConverter converter = converters.forEntry(entry);
    Files.createDirectories(outputDirectory);
    File output = outputDirectory.resolve("output." + entry.targetFormat().getExtension()).toFile();
    long started = System.nanoTime();
    converter.convert(entry.file()).as(entry.sourceFormat()).to(output).as(entry.targetFormat()).execute();
    return (System.nanoTime() - started) / 1e6;
  }

  /**
   * The same output as our server's: its PDF exports are PDF/A-1b (FilterData SelectPdfVersion
   * 1), with the notes pages for presentations, as the original cloudooo's filter table asks
   * (handlers/office/office.conf); other exports take no FilterData.
   */
  record Converters(LocalConverter plain, LocalConverter pdf, LocalConverter presentationPdf) {

    private static final java.util.Set<String> PRESENTATIONS = java.util.Set.of("odp", "pptx", "ppt");

    static Converters of(LocalOfficeManager office) {
      return new Converters(converter(office, Map.of()), converter(office, Map.of("SelectPdfVersion", 1)),
          converter(office, Map.of("SelectPdfVersion", 1, "ExportNotesPages", true)));
    }

    private static LocalConverter converter(LocalOfficeManager office, Map<String, Object> filterData) {
      var builder = LocalConverter.builder().officeManager(office).loadProperties(loadProperties());
      return filterData.isEmpty() ? builder.build() : builder.storeProperties(Map.of("FilterData", filterData)).build();
    }

    LocalConverter forEntry(Entry entry) {
      if (!entry.targetFormat().getExtension().equals("pdf")) {
        return plain;
      }
      return PRESENTATIONS.contains(entry.source()) ? presentationPdf : pdf;
    }
  }

  /** Hidden, macros never run, links not updated: the load properties of our OfficeHandler. */
  static Map<String, Object> loadProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("Hidden", Boolean.TRUE);
    properties.put("MacroExecutionMode", NEVER_EXECUTE);
    properties.put("UpdateDocMode", NO_UPDATE);
    return properties;
  }

  /** load.py's first line. */
  static String summary(Outcome outcome) {
    double[] every = outcome.samples().stream().mapToDouble(Sample::millis).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "%d %.2f %d %.0f %.0f",
        every.length, outcome.seconds(), outcome.errors(), percentile(every, 0.50), percentile(every, 0.99));
  }

  /** load.py's second line: the median of each source type, in corpus order. */
  static String medians(Outcome outcome, List<Entry> corpus) {
    var line = new StringBuilder("medians");
    corpus.stream().map(Entry::source).distinct().forEach(source -> {
      double[] ofType = outcome.samples().stream()
          .filter(sample -> sample.source().equals(source)).mapToDouble(Sample::millis).sorted().toArray();
      line.append(' ').append(source).append('=')
          .append(ofType.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", percentile(ofType, 0.50)));
    });
    return line.toString();
  }

  /** load.py's percentile: nearest rank, no interpolation. */
  static double percentile(double[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
  }

  /**
   * Stops the pool (which kills a soffice that does not quit), then kills whatever child
   * process is left, so that no soffice outlives this program, and deletes the temp dir.
   */
  static void stopOffice(LocalOfficeManager officeManager, Path temp) {
    OfficeUtils.stopQuietly(officeManager);
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    ProcessHandle.current().descendants().forEach(child -> child.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    try (Stream<Path> paths = Files.walk(temp)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + temp + ": " + e);
    }
  }

  /** Lines 'PATH<TAB>SOURCE<TAB>DESTINATION'; each format must be one JODConverter knows. */
  static List<Entry> readCorpus(Path corpusFile) throws IOException {
    List<Entry> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(corpusFile)) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t");
      if (fields.length != 3) {
        throw new IllegalArgumentException(corpusFile + ": not PATH<TAB>SOURCE<TAB>DESTINATION: " + line);
      }
      corpus.add(new Entry(new File(fields[0]), fields[1], format(fields[1], line), format(fields[2], line)));
    }
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException(corpusFile + ": empty corpus");
    }
    return corpus;
  }

  private static DocumentFormat format(String extension, String line) {
    DocumentFormat format = DefaultDocumentFormatRegistry.getFormatByExtension(extension);
    if (format == null) {
      throw new IllegalArgumentException("JODConverter has no format '" + extension + "' (in: " + line + ")");
    }
    return format;
  }

  static Options parse(String[] args) {
    Path corpus = null;
    int clients = 2, pool = 2, port = 24400, maxTasks = 200;
    double seconds = 60, warmup = 5;
    long count = Long.MAX_VALUE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        corpus = Path.of(arg);
        continue;
      }
      if (i + 1 == args.length) {
        throw usage("no value after " + arg);
      }
      String value = args[++i];
      switch (arg) {
        case "--clients" -> clients = Integer.parseInt(value);
        case "--seconds" -> seconds = Double.parseDouble(value);
        case "--count" -> {
          count = Long.parseLong(value);
          seconds = Double.POSITIVE_INFINITY;
        }
        case "--warmup" -> warmup = Double.parseDouble(value);
        case "--pool" -> pool = Integer.parseInt(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--max-tasks" -> maxTasks = Integer.parseInt(value);
        default -> throw usage("unknown option " + arg);
      }
    }
    if (corpus == null) {
      throw usage("no CORPUS_FILE");
    }
    return new Options(corpus, clients, seconds, count, warmup, pool, port, maxTasks);
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "; usage: java -cp target/cloudooo.jar bench/BareJodConverter.java"
        + " CORPUS_FILE [--clients N] [--seconds S | --count N] [--warmup S] [--pool N] [--port P] [--max-tasks N]"
        + " (defaults: 2 clients, 60 s, 5 s warm-up, pool 2, ports 24400.., 200 tasks per process)");
  }
}
