package io.chat.adapter.sqlite;

import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The process that {@link DurabilityTest} kills: a store on a file, saving profiles with several
 * writes in flight (so that commits group) and printing each one's number once it was acknowledged,
 * until it is killed.
 */
public final class DurabilityWriter {
  static final int IN_FLIGHT = 8;

  private DurabilityWriter() {}

  public static void main(String[] args) {
    try {
      write(Path.of(args[0]), Integer.parseInt(args[1]));
    } catch (Throwable failure) {
      System.out.println("FAILED " + failure);
      System.out.flush();
      System.exit(1);
    }
    System.exit(0);
  }

  static UserProfile profile(int n) {
    return new UserProfile(UserId.of("u-" + n), "durable " + n, Optional.empty(), n % 2 == 0);
  }

  private static void write(Path directory, int limit) throws Exception {
    SqliteStore store = SqliteStore.open(directory);
    System.out.println("READY");
    System.out.flush();
    for (int n = 1; n <= limit; n += IN_FLIGHT) {
      List<CompletionStage<Void>> writes = new ArrayList<>();
      for (int i = 0; i < IN_FLIGHT; i++) {
        writes.add(store.users().save(profile(n + i)));
      }
      for (int i = 0; i < IN_FLIGHT; i++) {
        writes.get(i).toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("ACK " + (n + i));
      }
      System.out.flush();
    }
    System.out.println("DONE");
    System.out.flush();
    store.close();
  }
}
