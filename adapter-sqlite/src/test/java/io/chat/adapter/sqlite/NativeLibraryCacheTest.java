package io.chat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

class NativeLibraryCacheTest {
  @TempDir Path cache;

  @Test
  void copiesTheDriversLibraryOnceUnderItsVersionAndPlatform() throws Exception {
    Path library = NativeLibraryCache.copyInto(cache);

    assertThat(library)
        .isEqualTo(
            cache
                .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                .resolve(OSInfo.getNativeLibFolderPathForCurrentOS())
                .resolve(LibraryLoaderUtil.getNativeLibName()));
    assertThat(Files.readAllBytes(library)).isEqualTo(driverLibrary());

    // The next start finds it and leaves it alone.
    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(library, old);
    assertThat(NativeLibraryCache.copyInto(cache)).isEqualTo(library);
    assertThat(Files.getLastModifiedTime(library)).isEqualTo(old);
    assertThat(filesUnder(cache)).containsExactly(library);
  }

  @Test
  void startsRacingForAnEmptyCacheEachGetTheWholeLibraryAndLeaveNoPartialFile() throws Exception {
    int starts = 8;
    CountDownLatch ready = new CountDownLatch(starts);
    ExecutorService threads = Executors.newFixedThreadPool(starts);
    try {
      Callable<Path> start =
          () -> {
            ready.countDown();
            ready.await();
            return NativeLibraryCache.copyInto(cache);
          };
      List<Future<Path>> results = threads.invokeAll(java.util.Collections.nCopies(starts, start));
      Path first = results.get(0).get();
      for (Future<Path> result : results) {
        assertThat(result.get()).isEqualTo(first);
      }
      assertThat(Files.readAllBytes(first)).isEqualTo(driverLibrary());
      assertThat(filesUnder(cache)).containsExactly(first);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aCacheThatCannotBeWrittenLeavesTheDriversDefault() throws IOException {
    Path notADirectory = Files.writeString(cache.resolve("taken"), "a file");

    assertThat(NativeLibraryCache.copyInto(notADirectory)).isNull();
    assertThat(Files.readString(notADirectory)).isEqualTo("a file");
  }

  private static byte[] driverLibrary() throws IOException {
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    }
  }

  private static List<Path> filesUnder(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
