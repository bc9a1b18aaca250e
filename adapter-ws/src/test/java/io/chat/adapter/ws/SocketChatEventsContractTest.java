package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.contract.ChatEventsContract;
import io.chat.application.contract.ChatEventsContract.Device;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.application.port.out.Presence;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

/**
 * The {@link ChatEvents} contract on the realtime adapter's port ({@link RealtimeChat#events()}) of
 * a real server, with real clients: a device is a socket connected with a user's token (or an admin
 * token for staff), and what it observes is each event's name and JSON as the client received it.
 */
class SocketChatEventsContractTest {
  @Nested
  class OverThePlainWebSocket extends ChatEventsContract {
    @Override
    protected Realtime newRealtime() {
      return new Sockets(List.of(Transport.PLAIN_WEBSOCKET));
    }
  }

  @Nested
  class OverSocketIo extends ChatEventsContract {
    @Override
    protected Realtime newRealtime() {
      return new Sockets(List.of(Transport.SOCKET_IO_WEBSOCKET));
    }
  }

  /** Each device on the next transport in turn: one user's devices on all of them at once. */
  @Nested
  class OverEveryTransportAtOnce extends ChatEventsContract {
    @Override
    protected Realtime newRealtime() {
      return new Sockets(List.of(Transport.values()));
    }
  }

  /**
   * Two nodes on a bus ({@link RealtimeChat#relayedEvents}): the suite publishes through the first
   * node's port, devices connect to each node in turn (a user's two devices on different nodes),
   * and every node delivers what the bus carries, in its one order.
   */
  @Nested
  class OverTheBusOfTwoNodes extends ChatEventsContract {
    @Override
    protected Realtime newRealtime() {
      return new Sockets(List.of(Transport.values()), 2);
    }
  }

  /** A server of its own (or several, on a bus), and the clients connected to them. */
  private static final class Sockets implements ChatEventsContract.Realtime {
    private static final BoundedJson JSON = new BoundedJson(64 * 1024);

    private final List<Transport> transports;
    private final AtomicInteger connected = new AtomicInteger();
    private final Departures departures = new Departures();
    private final List<TestServer> nodes = new ArrayList<>();
    private final ExecutorService bus = Executors.newSingleThreadExecutor();
    private final ChatEvents events;
    private final List<TestClient> clients = new CopyOnWriteArrayList<>();

    Sockets(List<Transport> transports) {
      this(transports, 1);
    }

    /** With more than one node, events go over a bus: one thread, so one order, for every node. */
    Sockets(List<Transport> transports, int nodes) {
      this.transports = transports;
      for (int i = 0; i < nodes; i++) {
        this.nodes.add(
            new TestServer(
                TestServer.settings(), new InProcessSendRateLimit(Clock.systemUTC()), departures));
      }
      RealtimeChat first = this.nodes.get(0).realtime;
      this.events =
          nodes == 1
              ? first.events()
              : first.relayedEvents(
                  entry ->
                      bus.execute(
                          () -> this.nodes.forEach(node -> node.realtime.deliverRelayed(entry))));
    }

    @Override
    public ChatEvents events() {
      return events;
    }

    @Override
    public Device connect(UserId user) {
      return device(user, false);
    }

    @Override
    public Device connectStaff(UserId member) {
      return device(member, true);
    }

    private Device device(UserId user, boolean staff) {
      int n = connected.getAndIncrement();
      Transport transport = transports.get(n % transports.size());
      TestServer node = nodes.get(n % nodes.size());
      String token = staff ? node.adminToken(user.value()) : node.token(user.value());
      TestClient client = transport.connectWith(node, token);
      clients.add(client);
      return new Socket(user, client);
    }

    /**
     * The event's JSON as a client reads it; never empty, so that a kind of event that the adapter
     * has no shape for (it would go out as {@code {}}) fails the suite's every-kind test.
     */
    @Override
    public Object observed(ChatEvent event) {
      JsonNode data = TestClient.parse(JSON.write(WireJson.eventNode(event)));
      assertThat(data.size()).as("the payload of " + event).isPositive();
      return new Received(event.name(), data);
    }

    @Override
    public void close() {
      clients.forEach(TestClient::close);
      bus.shutdownNow();
      nodes.forEach(TestServer::close);
    }

    /** One client socket; the presence snapshot it gets on connecting is no chat event. */
    private final class Socket implements Device {
      private final UserId user;
      private final TestClient client;

      Socket(UserId user, TestClient client) {
        this.user = user;
        this.client = client;
      }

      @Override
      public List<Object> received() {
        return client.received().stream()
            .filter(r -> !r.event().equals("presence:snapshot"))
            .map(r -> (Object) r)
            .toList();
      }

      @Override
      public void awaitReceived(Object observation) {
        Received expected = (Received) observation;
        client.await(expected.event(), data -> Objects.equals(data, expected.data()));
      }

      /** Closes the client, and waits until the server has let the connection go. */
      @Override
      public void disconnect() {
        client.close();
        departures.await(user);
      }

      @Override
      public String toString() {
        return client.toString();
      }
    }
  }

  /**
   * Presence that tells when a connection is gone: the server forgets a connection for delivery
   * before it counts the device off, so once {@code disconnect} is called, nothing more reaches it.
   */
  private static final class Departures implements Presence {
    private final Presence presence = new InProcessPresence();
    private final ConcurrentHashMap<UserId, Semaphore> left = new ConcurrentHashMap<>();

    /** Waits for one more device of {@code user} to have been counted off. */
    void await(UserId user) {
      try {
        if (!of(user).tryAcquire(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new AssertionError("the server never let a connection of " + user + " go");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private Semaphore of(UserId user) {
      return left.computeIfAbsent(user, u -> new Semaphore(0));
    }

    @Override
    public CompletionStage<Boolean> connect(UserId user) {
      return presence.connect(user);
    }

    @Override
    public CompletionStage<Boolean> disconnect(UserId user) {
      return presence.disconnect(user).whenComplete((last, failure) -> of(user).release());
    }

    @Override
    public CompletionStage<Boolean> isOnline(UserId user) {
      return presence.isOnline(user);
    }

    @Override
    public CompletionStage<Set<UserId>> onlineAmong(Collection<UserId> users) {
      return presence.onlineAmong(users);
    }
  }
}
