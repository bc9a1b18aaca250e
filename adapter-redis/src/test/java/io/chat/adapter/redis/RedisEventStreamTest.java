package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event stream across nodes, each node a client of its own on one real Redis: every entry
 * reaches every node once, in one order; a reader that loses its connection goes on where it was;
 * and every node is told to resync, once, when entries may have been lost: Redis restarted, a
 * publish failed, the stream was trimmed past a reader.
 */
class RedisEventStreamTest {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final AtomicInteger TESTS = new AtomicInteger();

  private RedisServer server;
  private String prefix;
  private final List<Node> nodes = new ArrayList<>();

  @BeforeEach
  void startRedis() {
    server = RedisServer.start();
    prefix = "events" + TESTS.incrementAndGet() + ":";
  }

  @AfterEach
  void stopRedis() {
    nodes.forEach(node -> node.store.close());
    server.close();
  }

  @Test
  void everyEntryReachesEveryNodeOnceInOneOrderEachNodesOwnInTheOrderPublished() {
    List<Node> three = List.of(started(), started(), started());
    int each = 200;

    Concurrently.call(
        3,
        n -> {
          for (int i = 0; i < each; i++) {
            three.get(n).stream.publish(n + "-" + i);
          }
          return CompletableFuture.completedFuture(null);
        });

    three.forEach(node -> node.await(entries -> entries.size() >= 3 * each));
    List<String> order = three.get(0).received;
    assertThat(new HashSet<>(order)).hasSize(3 * each);
    for (Node node : three) {
      assertThat(node.received).containsExactlyElementsOf(order);
      assertThat(node.resyncs.get()).isZero();
      assertThat(node.stream.healthy()).isTrue();
      assertThat(node.stream.received()).isEqualTo(3 * each);
      Eventually.until(node.stream::published, published -> published == each, WITHIN);
      assertThat(node.stream.publishFailures()).isZero();
    }
    for (int n = 0; n < 3; n++) {
      String publisher = n + "-";
      List<String> own = order.stream().filter(entry -> entry.startsWith(publisher)).toList();
      assertThat(own).containsExactlyElementsOf(numbered(publisher, each));
    }
  }

  @Test
  void aNodeStartedLaterGetsWhatIsPublishedAfterItsStartOnly() {
    Node a = started();
    a.stream.publish("before");
    a.await(entries -> entries.contains("before"));

    Node late = started();
    a.stream.publish("after");

    late.await(entries -> entries.contains("after"));
    a.await(entries -> entries.contains("after"));
    assertThat(late.received).containsExactly("after");
  }

  @Test
  void aRestartedRedisMakesEveryNodeResyncOnceAndReadingGoesOn() {
    List<Node> three = List.of(started(), started(), started());
    three.get(0).stream.publish("old");
    three.forEach(node -> node.await(entries -> entries.contains("old")));

    server.kill();
    three.forEach(node -> Eventually.until(node.stream::healthy, healthy -> !healthy, WITHIN));
    server.restart();

    three.forEach(node -> Eventually.until(node.resyncs::get, resyncs -> resyncs >= 1, WITHIN));
    // The publisher's shared connection reconnects on its own: a publish goes once it has.
    RedisStore publisher = three.get(1).store;
    Eventually.until(() -> answers(publisher), answers -> answers, WITHIN);
    three.get(1).stream.publish("new");

    for (Node node : three) {
      node.await(entries -> entries.contains("new"));
      assertThat(node.received).containsExactly("old", "new");
      assertThat(node.resyncs.get()).as("one restart, one resync").isEqualTo(1);
      assertThat(node.stream.reconnects()).isPositive();
      assertThat(node.stream.healthy()).isTrue();
    }
  }

  @Test
  void readersWhoseConnectionsAreKilledGoOnWithoutLossNorResync() {
    List<Node> three = List.of(started(), started(), started());
    for (int i = 0; i < 50; i++) {
      three.get(0).stream.publish("a-" + i);
    }

    assertThat(server.killClientsNamed(prefix + "events-reader")).isEqualTo(3);
    for (int i = 0; i < 50; i++) {
      three.get(1).stream.publish("b-" + i);
    }

    List<String> all = new ArrayList<>(numbered("a-", 50));
    all.addAll(numbered("b-", 50));
    for (Node node : three) {
      node.await(entries -> entries.size() >= 100);
      Eventually.until(node.stream::reconnects, reconnects -> reconnects >= 1, WITHIN);
      assertThat(node.received).containsExactlyElementsOf(all);
      assertThat(node.resyncs.get()).isZero();
    }
  }

  @Test
  void aPublishThatFailsWhileRedisIsAwayMakesEveryNodeResyncOnceItIsBack() {
    Duration timeout = Duration.ofMillis(300);
    List<Node> three = List.of(started(timeout), started(timeout), started(timeout));

    server.pause();
    try {
      three.get(0).stream.publish("lost");
      Eventually.until(three.get(0).stream::publishFailures, failures -> failures >= 1, WITHIN);
    } finally {
      server.resume();
    }

    three.forEach(node -> Eventually.until(node.resyncs::get, resyncs -> resyncs >= 1, WITHIN));
    RedisStore publisher = three.get(2).store;
    Eventually.until(() -> answers(publisher), answers -> answers, WITHIN);
    three.get(2).stream.publish("probe");
    for (Node node : three) {
      node.await(entries -> entries.contains("probe"));
      assertThat(node.resyncs.get()).as("one failed publish, one resync").isEqualTo(1);
    }
  }

  @Test
  void aStreamTrimmedPastAPausedReaderMakesItResync() throws InterruptedException {
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    // Every node of a deployment trims to the same cap.
    Node slow =
        started(
            10,
            Duration.ofSeconds(5),
            entry -> {
              if (entry.equals("first")) {
                paused.countDown();
                await(resume);
              }
            });
    Node publisher = started(10, Duration.ofSeconds(5), entry -> {});
    publisher.stream.publish("first");
    await(paused);

    for (int i = 0; i < 1_000; i++) {
      publisher.stream.publish("n-" + i);
    }
    Eventually.until(publisher.stream::published, published -> published == 1_001, WITHIN);
    resume.countDown();

    slow.await(entries -> entries.contains("n-999"));
    assertThat(slow.resyncs.get()).isEqualTo(1);
    assertThat(slow.received).as("trimmed away").doesNotContain("n-0").contains("n-999");
  }

  @Test
  void aListenerThatThrowsDoesNotStopDelivery() {
    Node node =
        started(
            RedisEventStream.DEFAULT_CAP,
            Duration.ofSeconds(5),
            entry -> {
              if (entry.startsWith("boom")) {
                throw new IllegalStateException(entry);
              }
            });

    node.stream.publish("boom-1");
    node.stream.publish("fine");
    node.stream.publish("boom-2");
    node.stream.publish("end");

    node.await(entries -> entries.contains("end"));
    assertThat(node.received).containsExactly("boom-1", "fine", "boom-2", "end");
  }

  @Test
  void aClosedStreamDeliversNothingMoreAndLetsItsConnectionGo() {
    Node closing = started();
    Node other = started();
    String readers = prefix + "events-reader";
    assertThat(server.clientsNamed(readers)).isEqualTo(2);

    closing.stream.close();

    Eventually.until(() -> server.clientsNamed(readers), count -> count == 1, WITHIN);
    assertThat(closing.stream.healthy()).isFalse();
    other.stream.publish("after close");
    other.await(entries -> entries.contains("after close"));
    assertThat(closing.received).isEmpty();
  }

  private Node started() {
    return started(Duration.ofSeconds(5));
  }

  private Node started(Duration commandTimeout) {
    return started(RedisEventStream.DEFAULT_CAP, commandTimeout, entry -> {});
  }

  private Node started(int cap, Duration commandTimeout, Consumer<String> also) {
    RedisStore store = done(RedisStore.connect(server.uri(), prefix, commandTimeout));
    Node node = new Node(store, store.eventStream(cap));
    nodes.add(node);
    done(
        node.stream.start(
            entry -> {
              node.received.add(entry);
              also.accept(entry);
            },
            node.resyncs::incrementAndGet));
    return node;
  }

  private static boolean answers(RedisStore store) {
    try {
      return "PONG".equals(done(store.commands().ping()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(prefix + i);
    }
    return entries;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One node: its store, its stream, and what its listeners heard. */
  private static final class Node {
    final RedisStore store;
    final RedisEventStream stream;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();

    Node(RedisStore store, RedisEventStream stream) {
      this.store = store;
      this.stream = stream;
    }

    void await(Predicate<List<String>> condition) {
      Eventually.until(() -> List.copyOf(received), condition, WITHIN);
    }
  }
}
