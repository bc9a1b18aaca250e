package io.chat.adapter.mongo;

import java.nio.file.Path;

/** The embedded store's file is held by another process (another server on the same data). */
public final class DataDirectoryInUseException extends IllegalStateException {
  private final Path dataDirectory;

  DataDirectoryInUseException(Path dataDirectory, Throwable cause) {
    super("another process is using the data directory " + dataDirectory, cause);
    this.dataDirectory = dataDirectory;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }
}
