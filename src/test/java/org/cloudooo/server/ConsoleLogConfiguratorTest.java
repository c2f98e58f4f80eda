package org.cloudooo.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.cloudooo.config.OpsSettings;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Given the jar's logging start-up, the console shows the original's layout on stderr until cloudooo.conf applies. */
class ConsoleLogConfiguratorTest {

  @Test
  void theConsoleWritesTheOriginalLayoutToStderrAndJettyOnlyWarns() {
    LoggerContext context = new LoggerContext();
    new ConsoleLogConfigurator().configure(context);
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender(ConsoleLogConfigurator.APPENDER);
    assertThat(console.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(OpsSettings.DEFAULT_LOG_PATTERN);
    assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
    context.stop();
  }

  @Test
  void theServersOwnLoggingIsThisOne() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(ConsoleLogConfigurator.APPENDER))
        .isInstanceOf(ConsoleAppender.class);
  }
}
