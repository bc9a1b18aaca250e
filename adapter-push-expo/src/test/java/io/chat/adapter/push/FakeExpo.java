package io.chat.adapter.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays the Expo push service on a random local port, records each request and answers it; sends
 * and receipts requests each have their own record and answer.
 */
final class FakeExpo implements AutoCloseable {
  static final String PATH = "/--/api/v2/push/send";
  static final String RECEIPTS_PATH = "/--/api/v2/push/getReceipts";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as the service saw it. */
  record Received(long arrivedNanos, String method, String path, Headers headers, JsonNode body) {
    List<String> tokens() {
      List<String> tokens = new ArrayList<>();
      body.forEach(message -> tokens.add(message.path("to").asText()));
      return tokens;
    }

    /** The ticket ids of a receipts request. */
    List<String> ids() {
      List<String> ids = new ArrayList<>();
      body.path("ids").forEach(id -> ids.add(id.asText()));
      return ids;
    }
  }

  /** What the service answers: a status, headers and the raw body bytes. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    static Reply json(int status, JsonNode body) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Reply status(int status) {
      return json(status, JSON.createObjectNode());
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> receiptRequests = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Function<Received, Reply> answer = FakeExpo::allAccepted;
  private volatile Function<Received, Reply> receiptsAnswer = FakeExpo::allDelivered;

  FakeExpo() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(PATH, exchange -> handle(exchange, received, answer));
    server.createContext(
        RECEIPTS_PATH, exchange -> handle(exchange, receiptRequests, receiptsAnswer));
    server.setExecutor(handlers);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** A config that posts here; see {@link #config(URI)}. */
  ExpoPushConfig.Builder config() {
    return config(url());
  }

  /**
   * A config that posts to the given URL with two quick retries and short timeouts, so that a test
   * of giving up ends within seconds, and a close that waits up to 10 s.
   */
  static ExpoPushConfig.Builder config(URI url) {
    return ExpoPushConfig.builder()
        .url(url)
        .maxRetries(2)
        .baseBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofSeconds(2))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .closeDeadline(Duration.ofSeconds(10));
  }

  FakeExpo answering(Function<Received, Reply> newAnswer) {
    this.answer = newAnswer;
    return this;
  }

  FakeExpo answeringReceipts(Function<Received, Reply> newAnswer) {
    this.receiptsAnswer = newAnswer;
    return this;
  }

  /** From now on, requests are recorded but never answered (until close). */
  FakeExpo neverAnswering() {
    return answering(
        request -> {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.status(503);
        });
  }

  /** The next request, waiting for it at most the given time; fails the test if none comes. */
  Received next(Duration timeout) throws InterruptedException {
    return next(received, timeout);
  }

  /** The next receipts request, waiting for it at most the given time. */
  Received nextReceipts(Duration timeout) throws InterruptedException {
    return next(receiptRequests, timeout);
  }

  private static Received next(BlockingQueue<Received> requests, Duration timeout)
      throws InterruptedException {
    Received request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      throw new AssertionError("no request within " + timeout);
    }
    return request;
  }

  /** Requests received and not yet taken by next(). */
  List<Received> drained() {
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  /** Receipts requests received and not yet taken by nextReceipts(). */
  List<Received> drainedReceipts() {
    List<Received> all = new ArrayList<>();
    receiptRequests.drainTo(all);
    return all;
  }

  /** Every message accepted, each with a ticket id of its own. */
  static Reply allAccepted(Received request) {
    ArrayNode data = JSON.createArrayNode();
    for (int i = 0; i < request.body().size(); i++) {
      data.addObject().put("status", "ok").put("id", "ticket-" + UUID.randomUUID());
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("data", data);
    return Reply.json(200, root);
  }

  /** A receipt "ok" for every id asked for. */
  static Reply allDelivered(Received request) {
    return receipts(request, id -> Optional.of(JSON.createObjectNode().put("status", "ok")));
  }

  /** A receipt for each id asked for, as the function says; an empty one leaves the id out. */
  static Reply receipts(Received request, Function<String, Optional<ObjectNode>> receipt) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode data = root.putObject("data");
    request.ids().forEach(id -> receipt.apply(id).ifPresent(r -> data.set(id, r)));
    return Reply.json(200, root);
  }

  /** A receipt with an error, and a message that quotes the token as Expo's do. */
  static ObjectNode receiptError(String error, String token) {
    ObjectNode receipt = JSON.createObjectNode().put("status", "error");
    receipt.put("message", "The recipient \"" + token + "\" could not be reached");
    receipt.putObject("details").put("error", error);
    return receipt;
  }

  private static void handle(
      HttpExchange exchange, BlockingQueue<Received> received, Function<Received, Reply> answer)
      throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Received request =
          new Received(
              System.nanoTime(),
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              JSON.readTree(body));
      received.add(request);
      Reply reply = answer.apply(request);
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      exchange.getResponseBody().write(reply.body());
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
