package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What the tests do with a realtime client, whichever transport it speaks. */
abstract class TestClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<Received> received = new ArrayList<>();
  private final String name;

  TestClient(String name) {
    this.name = name;
  }

  /** Sends an event and waits for its ack. */
  final JsonNode call(String event, Object data) {
    try {
      return emitWithAck(event, data).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(name + ": no ack for " + event, e);
    }
  }

  abstract CompletableFuture<JsonNode> emitWithAck(String event, Object data);

  abstract void emit(String event, Object data);

  abstract boolean isConnected();

  /** Completes when the server ends this client's connection. */
  abstract CompletableFuture<String> disconnected();

  @Override
  public abstract void close();

  /**
   * Waits until everything the server queued for this client before now has arrived: a server
   * connection's events go out in order, so the answer to a fresh event comes after them.
   */
  final void sync() {
    JsonNode answer = call("typing", null);
    assertThat(answer.path("ok").asBoolean()).isFalse();
  }

  final synchronized void record(String event, JsonNode data) {
    received.add(new Received(event, data));
    notifyAll();
  }

  final synchronized List<Received> received() {
    return List.copyOf(received);
  }

  final List<Received> received(String event) {
    return received().stream().filter(r -> r.event().equals(event)).toList();
  }

  /** The events that are not part of connecting, nor answers to {@link #sync}. */
  final List<Received> chatEvents() {
    return received().stream()
        .filter(r -> !r.event().equals("presence:snapshot"))
        .filter(r -> !r.event().equals("message:error"))
        .toList();
  }

  /**
   * What would show that a refused event changed something: messages, typing, read marks, and list
   * updates other than those of the probe message {@code probe} (which earlier cases send, and
   * whose updates may still be on their way, as may presence of earlier clients).
   */
  final List<Received> changes(String probe) {
    return received().stream()
        .filter(r -> !r.event().equals("user:online") && !r.event().equals("user:offline"))
        .filter(r -> !r.event().equals("presence:snapshot") && !r.event().equals("message:error"))
        .filter(
            r ->
                !(r.event().equals("chat:update")
                    && r.data().path("lastMessage").asText().equals(probe)))
        .toList();
  }

  final synchronized void clear() {
    received.clear();
  }

  final synchronized Received await(String event, Predicate<JsonNode> matching) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      for (Received r : received) {
        if (r.event().equals(event) && matching.test(r.data())) {
          return r;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(name + ": no " + event + " among " + received);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  final Received await(String event) {
    return await(event, data -> true);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  static ObjectNode data() {
    return JSON.createObjectNode();
  }

  @Override
  public String toString() {
    return name;
  }
}
