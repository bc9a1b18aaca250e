package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.CallView;
import io.chat.application.port.in.InviteCall;
import io.chat.application.service.ChatServices;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.application.testing.Users;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that closes while call events it sent are still queued: they run first and the
 * connection's side goes away after them, and one that had not started yet binds nothing.
 */
class CallEventsOnCloseTest {
  private static final UserId BOB = Users.BOB;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** Records what reaches the use case, in order; the first accept waits for the test. */
  private static final class Recording implements CallSignalingUseCase {
    final List<String> heard = new ArrayList<>();
    final CompletableFuture<CallView> firstAccept = new CompletableFuture<>();

    @Override
    public synchronized CompletionStage<CallView> accept(UserId user, DeviceId device, CallId id) {
      heard.add("accept " + id);
      return heard.size() == 1 ? firstAccept : CompletableFuture.completedFuture(view(id));
    }

    @Override
    public synchronized CompletionStage<Void> deviceGone(UserId user, DeviceId device) {
      heard.add("gone");
      return CompletableFuture.completedFuture(null);
    }

    synchronized List<String> heard() {
      return List.copyOf(heard);
    }

    @Override
    public CompletionStage<CallView> invite(InviteCall invite) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<CallView> reject(UserId user, CallId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<CallView> hangUp(UserId user, CallId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> relay(
        UserId user, DeviceId device, CallId id, String event, String fields) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> devicesGone(UserId user, Predicate<DeviceId> gone) {
      throw new UnsupportedOperationException();
    }
  }

  private static CallView view(CallId id) {
    Call call =
        Call.ring(
                id,
                ChatId.of("0123456789abcdef01234567"),
                CallType.AUDIO,
                Users.ALICE,
                DeviceId.of("a"),
                BOB,
                Instant.EPOCH)
            .accept(BOB, DeviceId.of("b"), Instant.EPOCH);
    return CallView.of(call);
  }

  /** The replies a socket got, by ack id. */
  private static final class Socket implements ClientSocket {
    final List<String> replies = new ArrayList<>();

    @Override
    public void emit(String event, String jsonData) {}

    @Override
    public synchronized void reply(long ack, String jsonData) {
      replies.add(ack + " " + jsonData);
    }

    synchronized List<String> replies() {
      return List.copyOf(replies);
    }

    @Override
    public boolean compact() {
      return false;
    }

    @Override
    public void close(CloseReason reason) {}
  }

  @Test
  void aClosedConnectionsQueuedCallEventsRunBeforeItsSideGoesAwayAndBindNothing() {
    InMemoryCore core = new InMemoryCore().withUsers(BOB);
    core.tokens.withUser("token-bob", BOB);
    ChatServices s = core.services;
    Recording calls = new Recording();
    RealtimeUseCases useCases =
        new RealtimeUseCases(
                s.authenticate(),
                s.sendMessage(),
                s.relayTyping(),
                s.markSeen(),
                s.goOnline(),
                s.goOffline(),
                s.chats(),
                s.lifecycle())
            .withCalls(calls);
    BoundedJson json = new BoundedJson(64 * 1024);
    RealtimeHub hub =
        new RealtimeHub(
            TestServer.settings(),
            useCases,
            new ConnectionRegistry(),
            json,
            new Payloads(json),
            scheduler);
    Socket socket = new Socket();
    ClientSocket.Listener listener = Await.done(hub.admit("token-bob")).listen(socket);
    listener.opened();
    JsonNode accept = TestClient.data().put("callId", "c-1");

    listener.event("call:accept", accept, 1); // runs, and waits for the store
    listener.event("call:accept", accept, 2); // queued behind it
    listener.closed();

    // The connection's side does not go away before the accept in flight has bound it.
    assertThat(calls.heard()).containsExactly("accept c-1");
    // The in-memory core answers at once: what follows runs on this thread as the accept completes.
    calls.firstAccept.complete(view(CallId.of("c-1")));

    // The queued accept never reached the calls: a closed connection binds nothing.
    assertThat(calls.heard()).containsExactly("accept c-1", "gone");
    assertThat(socket.replies()).hasSize(2);
    assertThat(socket.replies().get(0)).startsWith("1 ").contains("\"accepted\"");
    assertThat(socket.replies().get(1)).startsWith("2 ").contains("\"CALL_STATE\"");
  }
}
