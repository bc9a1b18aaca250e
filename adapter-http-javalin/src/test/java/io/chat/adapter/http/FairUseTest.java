package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.Storage;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One user cannot take the API from the others: a budget of reads per user, and a bound on one
 * user's requests in flight, each answered {@code 429} with {@code Retry-After}.
 */
class FairUseTest {

  @Test
  void readsPastTheUsersBudgetAre429WhileOtherUsersAndSendsGoOn() {
    HttpApiConfig.FairUse threeReads =
        new HttpApiConfig.FairUse(
            Optional.of(new InProcessSendRateLimit(3, 0.01, Clock.systemUTC())), 16);
    try (TestServer server =
        new TestServer(
            Storage.inMemory(new InMemoryStoreHealth()),
            u -> u,
            1000,
            config -> config.withFairUse(threeReads))) {
      User alice = server.user("Alice"); // one read: the fixture opens her chat list
      User bob = server.user("Bob");

      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        statuses.add(server.get("/api/v1/chat", alice).status());
      }
      Response refused = server.get("/api/v1/chat", alice);

      assertThat(statuses)
          .as("the budget of 3, one taken by the fixture")
          .containsExactly(200, 200, 429);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.code()).isEqualTo("RATE_LIMITED");
      assertThat(refused.json().path("message").asText()).isEqualTo(FairUseGate.TOO_MANY_READS);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
      assertThat(server.post(chat(bob) + "/messages", alice, "{\"text\":\"hi\"}").status())
          .as("a send is not a read")
          .isEqualTo(201);
      assertThat(server.get("/api/v1/chat", bob).status())
          .as("bob has his own budget")
          .isEqualTo(200);
      assertThat(server.get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aUsersRequestsPastTheBoundInFlightAre429WithoutReachingTheStore() throws Exception {
    Storage memory = Storage.inMemory(new InMemoryStoreHealth());
    HeldMessages held = new HeldMessages(memory.messages());
    Storage storage = memory.withMessages(held);
    HttpApiConfig.FairUse twoAtOnce = new HttpApiConfig.FairUse(Optional.empty(), 2);
    try (TestServer server =
        new TestServer(storage, u -> u, 1000, config -> config.withFairUse(twoAtOnce))) {
      User alice = server.user("Alice");
      User bob = server.user("Bob");
      User carol = server.user("Carol");

      CompletableFuture<Response> first =
          server.postAsync(chat(bob) + "/messages", alice, "{\"text\":\"one\"}");
      CompletableFuture<Response> second =
          server.postAsync(chat(carol) + "/messages", alice, "{\"text\":\"two\"}");
      assertThat(held.awaitArrivals(2)).isTrue();

      Response third = server.post(chat(bob) + "/messages", alice, "{\"text\":\"three\"}");
      // Another user, in a chat of its own (sends into one chat wait for each other anyway).
      CompletableFuture<Response> bobs =
          server.postAsync(chat(carol) + "/messages", bob, "{\"text\":\"his own\"}");

      assertThat(third.status()).isEqualTo(429);
      assertThat(third.json().path("message").asText()).isEqualTo(FairUseGate.TOO_MANY_AT_ONCE);
      assertThat(third.header("Retry-After")).isEqualTo("1");
      assertThat(held.awaitArrivals(1)).as("bob's send is not held back by alice's").isTrue();
      assertThat(held.unawaitedArrivals()).as("alice's third never reached the store").isZero();

      held.release();
      assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(bobs.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      // Every place came back: two more at once go through.
      CompletableFuture<Response> again1 =
          server.postAsync(chat(bob) + "/messages", alice, "{\"text\":\"4\"}");
      CompletableFuture<Response> again2 =
          server.postAsync(chat(carol) + "/messages", alice, "{\"text\":\"5\"}");
      assertThat(again1.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(again2.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
    }
  }

  @Test
  void aReadOverTheBudgetIsRefusedLaterAndHoldsAPlaceMeanwhile() throws Exception {
    // One read (the fixture's), then every read is over the budget; two places in flight.
    HttpApiConfig.FairUse oneReadTwoAtOnce =
        new HttpApiConfig.FairUse(
            Optional.of(new InProcessSendRateLimit(1, 0.01, Clock.systemUTC())), 2);
    try (TestServer server =
        new TestServer(
            Storage.inMemory(new InMemoryStoreHealth()),
            u -> u,
            1000,
            config -> config.withFairUse(oneReadTwoAtOnce))) {
      User alice = server.user("Alice");

      CompletableFuture<Response> first = server.getAsync("/api/v1/chat", alice);
      CompletableFuture<Response> second = server.getAsync("/api/v1/chat", alice);
      // Both reached the server, and their refusals wait to be answered, each holding a place.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!server.get("/metrics", null).text().contains("chat_http_in_flight 2.0")
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Response third = server.get("/api/v1/chat", alice);

      assertThat(third.status()).isEqualTo(429);
      assertThat(third.json().path("message").asText()).isEqualTo(FairUseGate.TOO_MANY_AT_ONCE);
      for (CompletableFuture<Response> later : List.of(first, second)) {
        Response r = later.get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().path("message").asText()).isEqualTo(FairUseGate.TOO_MANY_READS);
      }
    }
  }
}
