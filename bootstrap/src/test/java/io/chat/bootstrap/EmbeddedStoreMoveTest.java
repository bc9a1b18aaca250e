package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that finds both the new store and an old one: it sets the old one aside only when it is
 * the file it moved (its note says so), and refuses to start otherwise. (The move itself, from
 * directories written by earlier releases, is PreviousReleaseDataIT's.)
 */
class EmbeddedStoreMoveTest {
  @TempDir Path dataDir;

  @Test
  void anOldStoreWrittenAfterTheMoveIsNotSetAsideSilently() throws Exception {
    SqliteStore.open(dataDir).close();
    Files.writeString(dataDir.resolve("chat-store.mv.db"), "an earlier release wrote here since");

    assertThatThrownBy(() -> EmbeddedStoreMove.ifNeeded(dataDir))
        .isInstanceOf(StartupProblem.class)
        .hasMessageContaining("holds both chat.db and chat-store.mv.db");
    assertThat(dataDir.resolve("chat-store.mv.db")).exists();
  }

  @Test
  void aMoveStoppedBeforeTheOldFileWasSetAsideIsFinishedAndTheOldFileKept() throws Exception {
    SqliteStore.open(dataDir).close();
    Path old = Files.writeString(dataDir.resolve("chat-store.mv.db"), "the old store");
    Files.writeString(dataDir.resolve("chat-store.mv.db.moved"), "a file kept by an earlier move");
    Files.writeString(
        dataDir.resolve(EmbeddedStoreMove.NOTE),
        Files.size(old) + " " + Files.getLastModifiedTime(old).toMillis());

    EmbeddedStoreMove.ifNeeded(dataDir);

    assertThat(old).doesNotExist();
    assertThat(dataDir.resolve("chat-store.mv.db.moved"))
        .hasContent("a file kept by an earlier move");
    assertThat(dataDir.resolve("chat-store.mv.db.moved-2")).hasContent("the old store");
    assertThat(dataDir.resolve(EmbeddedStoreMove.NOTE)).doesNotExist();
  }
}
