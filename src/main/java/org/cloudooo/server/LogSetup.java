package org.cloudooo.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.cloudooo.config.OpsSettings;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log_level}, {@code log_format} and {@code log_pattern} to the console appender
 * that {@link ConsoleLogConfigurator} sets up (which serves until the configuration is read).
 */
final class LogSetup {

  private static final String APPENDER = ConsoleLogConfigurator.APPENDER;

  private LogSetup() {}

  static void apply(OpsSettings settings) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.logLevel(), Level.INFO));
    if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
      return; // a logback.xml of the operator's own (-Dlogback.configurationFile): leave it be
    }
    Encoder<ILoggingEvent> encoder;
    if (settings.logFormat() == OpsSettings.LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      // One readable object per event: the message as written, no template and arguments apart.
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      encoder = json;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(settings.logPattern());
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
