package org.cloudooo.supervision;

/** Work done while holding one worker exclusively. */
@FunctionalInterface
public interface WorkerJob<W, T> {
  T run(W worker) throws Exception;
}
