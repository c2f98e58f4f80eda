package org.cloudooo.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that convert the documents of a corpus in turn until told to stop, each conversion
 * numbered, timed and its answer checked; the numbers of those in progress can be read meanwhile.
 */
final class ConversionLoad implements AutoCloseable {

  /** Reads the text of a converted document. */
  interface TextOf {
    String text(byte[] converted) throws Exception;
  }

  /** A document to convert, and a text its conversion must contain. */
  record Conversion(String name, byte[] document, String source, String destination, TextOf textOf, String expected) {

    /** Converts the document: null when the answer holds the expected text, else what went wrong. */
    String problem(XmlRpcTestClient client) {
      try {
        String text = textOf.text(client.convert(document, source, destination));
        return text != null && text.contains(expected) ? null : "the answer lacks '" + expected + "'";
      } catch (Exception e) {
        return "failed: " + e.getMessage();
      }
    }
  }

  /** @param problem null when the conversion succeeded with the right content */
  record Outcome(int number, String conversion, Duration latency, String problem) {}

  private final XmlRpcTestClient client;
  private final List<Conversion> corpus;
  private final ExecutorService clients;
  private final List<Future<?>> running = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  /** Conversions numbered below this one are made: no end until {@link #finish}. */
  private volatile int end = Integer.MAX_VALUE;

  /** Starts {@code clientCount} clients at once. */
  ConversionLoad(XmlRpcTestClient client, List<Conversion> corpus, int clientCount) {
    this.client = client;
    this.corpus = List.copyOf(corpus);
    this.clients = Executors.newFixedThreadPool(clientCount);
    for (int i = 0; i < clientCount; i++) {
      running.add(clients.submit(this::convertUntilStopped));
    }
  }

  private void convertUntilStopped() {
    for (int n = next.getAndIncrement(); n < end; n = next.getAndIncrement()) {
      Conversion conversion = corpus.get(n % corpus.size());
      inFlight.add(n);
      long start = System.nanoTime();
      String problem = conversion.problem(client);
      outcomes.add(new Outcome(n, conversion.name(), Duration.ofNanos(System.nanoTime() - start), problem));
      inFlight.remove(n);
    }
  }

  /** The numbers of the conversions in progress now (waiting for a worker included). */
  Set<Integer> inFlight() {
    return new HashSet<>(inFlight);
  }

  /** Whether none of these conversions is in progress any more. */
  boolean done(Collection<Integer> numbers) {
    return numbers.stream().noneMatch(inFlight::contains);
  }

  /** Lets the clients stop once at least {@code count} conversions were made; every outcome, slowest first. */
  List<Outcome> finish(int count, Duration limit) throws Exception {
    end = count;
    long deadline = System.nanoTime() + limit.toNanos();
    for (Future<?> client : running) {
      client.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    clients.shutdown();
    List<Outcome> all = new ArrayList<>(outcomes);
    all.sort((a, b) -> b.latency().compareTo(a.latency()));
    return all;
  }

  /** Stops the clients after the conversions in progress (when a test fails before {@link #finish}). */
  @Override
  public void close() {
    end = 0;
    clients.shutdown();
  }
}
