package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays bytes both ways between a UNO client's connection and a fresh connection to its
 * worker's own acceptor, from the first byte (the URP handshake included): URP keeps state per
 * connection (cached types, object and thread ids), so the pair is never spliced onto another.
 * Either side closing ends the relay and closes the other. Both channels belong to the relay.
 */
final class UnoRelay implements AutoCloseable {

  /** How a relay ended. */
  enum End {
    /** One side closed its connection. */
    CLOSED,
    /** It ran longer than its limit and was cut. */
    TIMED_OUT,
    /** Someone else cut it ({@link #close}: shutdown). */
    CUT
  }

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final Duration PUMP_EXIT_WAIT = Duration.ofSeconds(5);

  private final ByteChannel client;
  private final ByteChannel office;
  private final String name;
  private final CountDownLatch oneSideClosed = new CountDownLatch(1);
  private final AtomicReference<End> end = new AtomicReference<>();

  UnoRelay(ByteChannel client, ByteChannel office, String name) {
    this.client = client;
    this.office = office;
    this.name = name;
  }

  /** Relays until a side closes or {@code limit} passes; returns how it ended. */
  End run(Duration limit) throws InterruptedException {
    Thread up = pump(client, office, name + "-up");
    Thread down = pump(office, client, name + "-down");
    try {
      if (!oneSideClosed.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        end.compareAndSet(null, End.TIMED_OUT);
      }
      end.compareAndSet(null, End.CLOSED);
    } finally {
      closeBoth();
      up.join(PUMP_EXIT_WAIT.toMillis());
      down.join(PUMP_EXIT_WAIT.toMillis());
    }
    return end.get();
  }

  private Thread pump(ByteChannel from, ByteChannel to, String threadName) {
    Thread thread = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
      } catch (IOException e) {
        // A reset or a channel closed under the pump: the session is over either way.
      } finally {
        oneSideClosed.countDown();
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Cuts the relay from outside; {@link #run} then returns {@link End#CUT}. */
  @Override
  public void close() {
    end.compareAndSet(null, End.CUT);
    oneSideClosed.countDown();
    closeBoth();
  }

  private void closeBoth() {
    closeQuietly(client);
    closeQuietly(office);
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing to end the session: nothing left to do with it.
    }
  }
}
