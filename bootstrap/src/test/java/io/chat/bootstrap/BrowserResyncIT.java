package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.redis.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser client against a node of several (MongoDB and Redis shared), in headless Chromium:
 * when the node's bus lost an event, the server's {@code resync} makes the page fetch what it
 * missed, on the socket it has, without reconnecting.
 */
class BrowserResyncIT {
  /** Redis comes back on the nodes' own backoff: longer than a chat's waits. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The page's reads of a chat's messages after a seq (the first step of a catch-up), kept by a
   * wrapper of {@code fetch} installed before the client's scripts: how many started, and the most
   * in flight at once.
   */
  private static final String TRACK_CATCH_UP_READS =
      "(() => {"
          + " const native = window.fetch;"
          + " const reads = {started: 0, running: 0, most: 0}; window.__catchUpReads = reads;"
          + " window.fetch = function (input, init) {"
          + "   if (!String(input).includes('&after=')) return native.call(this, input, init);"
          + "   reads.started += 1; reads.running += 1; reads.most = Math.max(reads.most, reads.running);"
          + "   return native.call(this, input, init).finally(() => { reads.running -= 1; });"
          + " };"
          + "})();";

  @TempDir Path dataDir;
  @TempDir Path profiles;

  @BeforeEach
  void chromiumIsThere() {
    Chromium.requireOrSkip("BrowserResyncIT");
  }

  /**
   * Alice's page shows her message to Bob as not seen. Redis is killed; Bob marks the chat read
   * over REST: the mark is stored in MongoDB, its {@code seen} event is lost with Redis. Once Redis
   * is back (empty) the node tells its sockets {@code resync}, and Alice's page shows her message
   * seen, with the socket it had, one catch-up at a time.
   *
   * <p>Killed, not paused: a paused Redis keeps the publish that timed out in its socket buffer and
   * runs it once resumed, so the {@code seen} event would come late anyway, and the page would show
   * the mark without any catch-up.
   */
  @Test
  void aResyncShowsALostReadMarkWithoutReconnecting() throws Exception {
    String bobToken = ServerProcess.token(dataDir, "bob");
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        RedisServer redis = RedisServer.start();
        ServerProcess server =
            Browser.startServer(
                dataDir, "--mongo-uri", mongo.connectionString(), "--redis-uri", redis.uri());
        Browser alice = new Browser(profiles.resolve("alice"), WAIT)) {
      Rest bob = new Rest(server.base(), bobToken);
      alice.countedSockets();
      alice.onEveryPage(TRACK_CATCH_UP_READS);
      alice.signIn(server.base(), "alice");
      alice.openChatWith("bob");
      alice.send("Are you there?");
      String sent = alice.messageId("Are you there?");
      By bubble = By.cssSelector("[data-testid=message][data-message-id='" + sent + "']");
      // Bob has no page: stored, not delivered, not seen.
      alice.until(ExpectedConditions.attributeToBe(bubble, "data-state", "sent"));
      alice.js("window.__samePage = true;");
      assertThat(resyncs(alice)).isZero();

      redis.kill();
      // The node reads no bus now: whatever it publishes from here is lost.
      alice.until(d -> bob.get("/ready").status() == 503);
      JsonNode read = bob.expect(200, "POST", "/api/v1/chat/alice/mark-all-seen", null);
      assertThat(read.path("seenUpTo").asLong())
          .isEqualTo(Long.parseLong(alice.attribute(bubble, "data-seq")));
      assertThat(alice.attribute(bubble, "data-state")).as("no seen event came").isEqualTo("sent");

      redis.restart();
      alice.until(ExpectedConditions.attributeToBe(bubble, "data-state", "seen"));
      alice.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(
                  "[data-testid=message][data-message-id='"
                      + sent
                      + "'] [data-testid=message-ticks]"),
              "aria-label",
              "Seen"));
      // A restarted Redis brings two resync events back to back (the node's reader sees a new
      // Redis, then reads the marker its failed publish owed): the second, come while the first
      // catch-up runs, is caught up after it.
      Map<?, ?> reads;
      try {
        reads =
            alice.until(
                d -> {
                  Map<?, ?> now = catchUpReads(alice);
                  boolean settled =
                      number(now, "started") >= Math.min(number(now, "resyncs"), 2)
                          && number(now, "running") == 0;
                  return settled ? now : null;
                });
      } catch (TimeoutException e) {
        throw new AssertionError("a resync event not caught up: " + catchUpReads(alice), e);
      }
      assertThat(number(reads, "resyncs")).as("resync events handled: %s", reads).isPositive();
      assertThat(number(reads, "most"))
          .as("one catch-up of the chat at a time: %s", reads)
          .isEqualTo(1);
      assertThat(number(reads, "started"))
          .as("no more catch-ups than resync events: %s", reads)
          .isLessThanOrEqualTo(number(reads, "resyncs"));
      assertThat(((Number) alice.js("return window.__socketsMade;")).longValue())
          .as("the page kept its one socket")
          .isEqualTo(1);
      assertThat(alice.js("return window.__samePage === true;")).as("no reload").isEqualTo(true);
      assertThat(alice.attribute(By.id("connection-status"), "data-state")).isEqualTo("online");
      assertThat(server.output()).doesNotContain("Are you there?");
    }
  }

  /** How many {@code resync} events the page handled. */
  private static long resyncs(Browser page) {
    return ((Number) page.js("return Number(document.body.dataset.resyncs || 0);")).longValue();
  }

  /** The page's catch-up reads so far (see {@link #TRACK_CATCH_UP_READS}) and its resyncs. */
  private static Map<?, ?> catchUpReads(Browser page) {
    return (Map<?, ?>)
        page.js(
            "return {...window.__catchUpReads,"
                + " resyncs: Number(document.body.dataset.resyncs || 0)};");
  }

  private static long number(Map<?, ?> values, String key) {
    return ((Number) values.get(key)).longValue();
  }
}
