package io.chat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
  @TempDir Path directory;

  @Test
  void aDataDirectoryAlreadyOpenIsRefusedWithItsOwnExceptionAndStaysUsable() {
    try (EmbeddedMongo first = EmbeddedMongo.persistent(directory, 16)) {
      assertThatThrownBy(() -> EmbeddedMongo.persistent(directory, 16))
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessageContaining(directory.toString())
          .satisfies(
              e ->
                  assertThat(((DataDirectoryInUseException) e).dataDirectory())
                      .isEqualTo(directory));
      assertThat(first.port()).isPositive();
    }
    // Once the first one is closed, the directory opens again.
    try (EmbeddedMongo again = EmbeddedMongo.persistent(directory, 16)) {
      assertThat(again.connectionString()).startsWith("mongodb://127.0.0.1:");
    }
  }
}
