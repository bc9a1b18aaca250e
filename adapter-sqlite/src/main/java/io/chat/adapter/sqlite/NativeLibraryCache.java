package io.chat.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

/**
 * Where the SQLite driver loads its native library from. Left alone, the driver copies the library
 * out of its jar into the temporary directory on every start, reads both back to compare them, and
 * scans the temporary directory for the copies of earlier starts: a tenth of a second of a start on
 * one core. Given a cache directory of the user's, the library is copied there once (under the
 * driver's version and the platform's folder, written to a temporary name and moved into place, so
 * that a crash or a concurrent start never leaves half a file under the final name) and loaded from
 * there on every later start.
 *
 * <p>Nothing here is required: when the directory cannot be written, or a library was already
 * chosen with the driver's own {@code org.sqlite.lib.path}, the driver's default stands; a cached
 * file that does not load makes the driver fall back to its own copy.
 */
public final class NativeLibraryCache {

  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private NativeLibraryCache() {}

  /**
   * Points the driver at its library in {@code directory}, copying it there first when it is not
   * there yet. Call it before the first connection of the process; later calls change nothing.
   *
   * @return the library file the driver will load, or {@code null} when the driver's default stands
   */
  public static Path use(Path directory) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return null;
    }
    Path library = copyInto(directory);
    if (library != null) {
      System.setProperty(PATH_PROPERTY, library.getParent().toString());
      System.setProperty(NAME_PROPERTY, library.getFileName().toString());
    }
    return library;
  }

  /**
   * The driver's library for this platform in {@code directory}, copied there when it is not there
   * yet; {@code null} when it cannot be (no library for this platform, a directory that cannot be
   * written).
   */
  static Path copyInto(Path directory) {
    String name = LibraryLoaderUtil.getNativeLibName();
    Path folder =
        directory
            .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
            .resolve(OSInfo.getNativeLibFolderPathForCurrentOS());
    Path library = folder.resolve(name);
    try {
      if (Files.isRegularFile(library)
          || copy(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, folder, library)) {
        return library;
      }
    } catch (IOException | RuntimeException e) {
      // The driver's default stands.
    }
    return null;
  }

  private static boolean copy(String resource, Path folder, Path library) throws IOException {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, library.getFileName().toString(), ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      return true;
    }
  }
}
