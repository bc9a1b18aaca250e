package io.chat.adapter.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** What a class logs (through System.Logger, so java.util.logging here), as formatted lines. */
final class CapturedLogs extends Handler {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Logger logger;

  private CapturedLogs(Logger logger) {
    this.logger = logger;
  }

  /** Starts capturing what {@code type} logs; {@link #stop} ends it. */
  static CapturedLogs of(Class<?> type) {
    CapturedLogs capture = new CapturedLogs(Logger.getLogger(type.getName()));
    capture.logger.addHandler(capture);
    return capture;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void stop() {
    logger.removeHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.formatMessage(record));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
