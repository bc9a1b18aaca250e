package io.chat.adapter.ws;

import io.chat.adapter.ws.engineio.EngineIoServlet;
import io.chat.adapter.ws.plain.PlainWebSocketServlet;
import io.chat.adapter.ws.socketio.SocketIoServer;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.Origins;
import io.chat.adapter.ws.transport.TransportSettings;
import io.chat.application.port.out.CallSignals;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.call.DeviceId;
import io.javalin.config.JavalinConfig;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime adapter's one entry point. Create it first, hand {@link #events()} to the chat core
 * as its {@code ChatEvents}, then {@link #install} it on the Javalin config of the REST server with
 * the core's use cases: Socket.IO v4 at {@code /socket.io/} (namespace {@code /app}) and the plain
 * JSON WebSocket at {@code /ws} then share the server's port.
 */
public final class RealtimeChat {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeChat.class);

  private final RealtimeSettings settings;
  private final ConnectionRegistry registry = new ConnectionRegistry();
  private final BoundedJson json;
  private final Payloads payloads;
  private final SocketChatEvents events;
  private final SocketCallSignals callSignals;
  private final ScheduledExecutorService timers;
  private final AtomicReference<EngineIoServlet> engine = new AtomicReference<>();

  private RealtimeChat(RealtimeSettings settings) {
    this.settings = settings;
    this.json = new BoundedJson(settings.maxMessageBytes());
    this.payloads = new Payloads(json);
    this.events = new SocketChatEvents(registry, payloads);
    this.callSignals = new SocketCallSignals(registry, json);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName("realtime-timers");
              thread.setDaemon(true);
              return thread;
            });
    // Cancelled timers (a socket's expiry, its heartbeat) leave the queue at once.
    executor.setRemoveOnCancelPolicy(true);
    // Once the server stops, a socket still opening (its heartbeat, its expiry) or a write failing
    // (its clean-up) has nothing left to time: Jetty closes it. Dropped instead of throwing into a
    // Jetty callback.
    executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
    this.timers = executor;
  }

  public static RealtimeChat create(RealtimeSettings settings) {
    return new RealtimeChat(settings);
  }

  /**
   * This process' tag, random at every start: the device id of each of its sockets ends with it, so
   * that a node among several that goes by it (its presence) lets the others tell, once it died,
   * which devices went with it ({@link #devicesOf}). One server per process shares a tag.
   */
  public static String processTag() {
    return CallEvents.process();
  }

  /** The devices of the sockets of the process tagged {@code tag} (see {@link #processTag}). */
  public static Predicate<DeviceId> devicesOf(String tag) {
    return device -> CallEvents.ofProcess(device, tag);
  }

  /** The chat core's outbound event port, delivering to the sockets connected here. */
  public ChatEvents events() {
    return events;
  }

  /**
   * The chat core's outbound event port on a node among several: every event goes to {@code bus} as
   * one text, which every node, this one included, hands to its {@link #deliverRelayed} in the bus'
   * order. {@code bus} must not throw; a publish it could not make it reports by a later {@link
   * #resync} on the nodes.
   */
  public ChatEvents relayedEvents(Consumer<String> bus) {
    return new RelayedChatEvents(payloads, bus);
  }

  /**
   * Delivers an event read from the bus (what {@link #relayedEvents} published, on any node) to the
   * sockets connected here. An entry this adapter did not write is logged and dropped.
   */
  public void deliverRelayed(String entry) {
    try {
      if (RelayedSignal.isSignal(entry)) {
        callSignals.deliver(RelayedSignal.decode(entry));
      } else {
        events.deliver(RelayedEvent.decode(entry));
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("A bus entry that is not an event was dropped: {}", e.getMessage());
    }
  }

  /**
   * The calls' outbound signal port on a node among several: as {@link #relayedEvents}, on the same
   * bus, so that the two sides of a call may be on different nodes.
   */
  public CallSignals relayedCallSignals(Consumer<String> bus) {
    return new RelayedCallSignals(callSignals, bus);
  }

  /**
   * Tells every socket connected here that it may have missed events ({@code resync}): the bus lost
   * some. Its client fetches what changed, as after a reconnect.
   */
  public void resync() {
    registry.all().forEach(connection -> connection.emit("resync", "{}"));
  }

  /** The calls' outbound signal port, delivering to the devices connected here. */
  public CallSignals callSignals() {
    return callSignals;
  }

  /** Mounts both endpoints on the server that {@code config} configures. */
  public void install(JavalinConfig config, RealtimeUseCases useCases) {
    RealtimeHub hub = new RealtimeHub(settings, useCases, registry, json, payloads, timers);
    Origins origins = new Origins(settings.allowedOrigins());
    TransportSettings transport = settings.transport();
    EngineIoServlet socketIo =
        new EngineIoServlet(
            transport,
            timers,
            origins,
            // An anonymous session gets as long to join /app as a silent one gets to answer a ping.
            new SocketIoServer(
                hub,
                json,
                transport.maxMessageBytes(),
                timers,
                settings.pingTimeout(),
                SocketIoServer.MAX_WAITING));
    if (!engine.compareAndSet(null, socketIo)) {
      throw new IllegalStateException("The realtime endpoints are installed once");
    }
    PlainWebSocketServlet plain = new PlainWebSocketServlet(transport, timers, json, origins, hub);
    config.jetty.modifyServletContextHandler(
        context -> {
          ServletHolder socketIoHolder = new ServletHolder("socket.io", socketIo);
          socketIoHolder.setAsyncSupported(true);
          context.addServlet(socketIoHolder, "/socket.io/*");
          ServletHolder plainHolder = new ServletHolder("ws", plain);
          plainHolder.setAsyncSupported(true);
          context.addServlet(plainHolder, "/ws");
        });
    config.events.serverStopping(this::shutdown);
  }

  /** How many authenticated sockets are connected here. */
  public int connectedSockets() {
    return registry.size();
  }

  /** The timers' executor, which a stopped server has shut down. */
  ScheduledExecutorService timers() {
    return timers;
  }

  /**
   * Ends every socket with the shutdown's reason: {@code /ws} clients get the close frame {@code
   * 1001} (Jetty then closes what could not be told, such as a socket whose client stopped
   * reading), Engine.IO sessions end so that their clients reconnect.
   */
  private void shutdown() {
    registry.all().forEach(connection -> connection.close(CloseReason.SHUTDOWN));
    EngineIoServlet socketIo = engine.get();
    if (socketIo != null) {
      // Sessions that never connected to /app are not in the registry.
      socketIo.abortAll(CloseReason.SHUTDOWN);
    }
    timers.shutdown();
  }
}
