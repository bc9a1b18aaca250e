package io.chat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import org.junit.jupiter.api.Test;

class HangingStoreTest {
  @Test
  void probe() throws Exception {
    try (EmbeddedMongo server = EmbeddedMongo.inMemory();
        StallingProxy proxy = new StallingProxy(server.port());
        MongoStore store =
            MongoStore.connect(proxy.connectionString(), "chat", Duration.ofSeconds(2))) {
      store.health().ping().toCompletableFuture().get(10, TimeUnit.SECONDS);
      proxy.stall();
      Map<String, Integer> seen = new ConcurrentHashMap<>();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        all.add(
            store
                .health()
                .ping()
                .toCompletableFuture()
                .handle(
                    (ok, e) -> {
                      Throwable c = e;
                      StringBuilder sb = new StringBuilder();
                      while (c != null) {
                        sb.append(c.getClass().getSimpleName()).append(">");
                        c = c.getCause();
                      }
                      seen.merge(sb.toString(), 1, Integer::sum);
                      return null;
                    }));
        all.add(
            store
                .users()
                .find(io.chat.domain.user.UserId.of("alice"))
                .toCompletableFuture()
                .handle(
                    (ok, e) -> {
                      Throwable c = e;
                      StringBuilder sb = new StringBuilder();
                      while (c != null) {
                        sb.append(c.getClass().getSimpleName()).append(">");
                        c = c.getCause();
                      }
                      seen.merge("find:" + sb, 1, Integer::sum);
                      return null;
                    }));
        Thread.sleep(250);
      }
      try {
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.out.println("PROBE incomplete: " + all.stream().filter(f -> !f.isDone()).count());
      }
      System.out.println("PROBE: " + seen);
      assertThat(seen).isNotEmpty();
    }
  }
}
