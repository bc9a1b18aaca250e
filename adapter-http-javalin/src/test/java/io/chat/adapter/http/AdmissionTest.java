package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.Storage;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bound on API requests in flight, on a real server with a bound of 2: past it a request is
 * refused at once with {@code 503 UNAVAILABLE} and {@code Retry-After}, and every admitted request
 * returns its place however it ends.
 */
class AdmissionTest {
  private static final int BOUND = 2;

  @Test
  void aRequestPastTheBoundIsRefusedAtOnceAndNothingOfItIsStored() throws Exception {
    Storage memory = Storage.inMemory(new InMemoryStoreHealth());
    HeldMessages held = new HeldMessages(memory.messages());
    Storage storage = memory.withMessages(held);
    try (TestServer server = bounded(storage)) {
      User alice = server.user("Alice");
      User bob = server.user("Bob");
      User carol = server.user("Carol");
      User dave = server.user("Dave");

      CompletableFuture<Response> first =
          server.postAsync(chat(bob) + "/messages", alice, text("first"));
      CompletableFuture<Response> second =
          server.postAsync(chat(dave) + "/messages", carol, text("second"));
      assertThat(held.awaitArrivals(2)).as("both sends reach the store").isTrue();

      Response third = server.post(chat(alice) + "/messages", bob, text("third"));

      assertThat(third.status()).isEqualTo(503);
      assertThat(third.code()).isEqualTo("UNAVAILABLE");
      assertThat(third.json().path("message").asText()).isEqualTo(JavalinChatApi.BUSY);
      assertThat(third.header("Retry-After")).isEqualTo("1");
      assertThat(held.unawaitedArrivals()).as("the refused send never reached the store").isZero();
      assertThat(first).isNotDone();
      assertThat(second).isNotDone();
      // Operations are outside the bound: they answer while the API is full.
      assertThat(server.get("/health", null).status()).isEqualTo(200);
      assertThat(server.get("/metrics", null).text())
          .contains("chat_http_in_flight " + BOUND + ".0")
          .contains("chat_http_shed_total 1.0");

      held.release();

      assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
      assertThat(texts(server.get(chat(alice) + "/messages", bob))).containsExactly("first");
      assertThat(server.post(chat(alice) + "/messages", bob, text("again")).status())
          .isEqualTo(201);
      assertThat(texts(server.get(chat(alice) + "/messages", bob)))
          .containsExactly("first", "again");
      assertThat(server.get("/metrics", null).text()).contains("chat_http_in_flight 0.0");
    }
  }

  @Test
  void everyRefusalReturnsItsPlace() {
    try (TestServer server = bounded(Storage.inMemory(new InMemoryStoreHealth()))) {
      User alice = server.user("Alice");
      User bob = server.user("Bob");
      User stranger = new User(TestServer.newId(), "not-a-token");
      String tooLarge = "{\"text\":\"" + "a".repeat(HttpApiConfig.DEFAULT_MAX_BODY_BYTES) + "\"}";

      for (int i = 0; i <= BOUND; i++) {
        assertThat(server.post(chat(bob) + "/messages", alice, "{\"text\":\"\"}").status())
            .isEqualTo(400);
        assertThat(server.post(chat(bob) + "/messages", alice, "{\"text\":").status())
            .isEqualTo(400);
        assertThat(server.post(chat(bob) + "/messages", alice, tooLarge).status()).isEqualTo(413);
        assertThat(server.get("/api/v1/admin/support/chats", alice).status()).isEqualTo(403);
        assertThat(server.get(chat(bob), stranger).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/chat/" + TestServer.newId(), alice).status()).isEqualTo(404);
      }

      assertThat(server.post(chat(bob) + "/messages", alice, text("still admitted")).status())
          .isEqualTo(201);
      assertThat(server.get("/metrics", null).text())
          .contains("chat_http_in_flight 0.0")
          .contains("chat_http_shed_total 0.0");
    }
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> HttpApiConfig.defaults().withMaxInFlight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInFlight");
    assertThat(HttpApiConfig.defaults().maxInFlight())
        .isEqualTo(HttpApiConfig.DEFAULT_MAX_IN_FLIGHT);
  }

  private static TestServer bounded(Storage storage) {
    return new TestServer(storage, u -> u, 1000, config -> config.withMaxInFlight(BOUND));
  }

  private static List<String> texts(Response history) {
    return history.data().findValuesAsText("text");
  }
}
