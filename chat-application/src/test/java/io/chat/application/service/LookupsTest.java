package io.chat.application.service;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.application.testing.Users;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What the core remembers between calls, and what it must never remember wrongly. */
class LookupsTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB);

  private static CompletionStage<Sent> send(ChatServices chat, UserId from, UserId to, String cid) {
    return chat.sendMessage()
        .send(new SendMessage(from, to, "hi", Optional.ofNullable(cid).map(ClientMessageId::of)));
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  @Test
  void blocksAndUnblocksMadeHereAreSeenByTheVeryNextSend() {
    core.send(ALICE, BOB, "remembered: not blocked");

    Await.done(core.services.blockUser().block(BOB, ALICE));
    assertThat(refusal(send(core.services, ALICE, BOB, null))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(core.services.relayTyping().relayTyping(ALICE, BOB, true)))
        .isEqualTo(ErrorCode.BLOCKED);

    Await.done(core.services.unblockUser().unblock(BOB, ALICE));
    assertThat(Await.done(send(core.services, ALICE, BOB, null)).created()).isTrue();
  }

  @Test
  void aBlockMadeByAnotherProcessIsSeenHereOnceTheLookupTimeHasPassed() {
    ChatServices other = core.anotherProcess();
    core.send(ALICE, BOB, "remembered here: not blocked");

    Await.done(other.blockUser().block(BOB, ALICE));
    assertThat(refusal(send(other, ALICE, BOB, null))).isEqualTo(ErrorCode.BLOCKED);
    core.clock.advance(core.settings.lookupCacheTtl());

    assertThat(refusal(send(core.services, ALICE, BOB, null))).isEqualTo(ErrorCode.BLOCKED);
  }

  @Test
  void withoutALookupTimeABlockMadeByAnotherProcessIsSeenAtOnce() {
    var strict =
        new InMemoryCore(ChatSettings.defaults().withLookupCacheTtl(Duration.ZERO))
            .withUsers(ALICE, BOB);
    strict.send(ALICE, BOB, "nothing remembered");

    Await.done(strict.anotherProcess().blockUser().block(BOB, ALICE));

    assertThat(refusal(send(strict.services, ALICE, BOB, null))).isEqualTo(ErrorCode.BLOCKED);
  }

  @Test
  void anUnknownUserIsNotRememberedAsUnknown() {
    UserId newcomer = UserId.of("newcomer");
    assertThat(refusal(send(core.services, ALICE, newcomer, null))).isEqualTo(ErrorCode.NOT_FOUND);

    Await.done(core.users.save(Users.profile(newcomer)));

    assertThat(Await.done(send(core.services, ALICE, newcomer, null)).created()).isTrue();
  }

  @Test
  void aRetryIsAnsweredWithTheMessageAnotherProcessStored() {
    Sent first = Await.done(send(core.anotherProcess(), ALICE, BOB, "c-1"));

    Sent retry = Await.done(send(core.services, ALICE, BOB, "c-1"));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message().id()).isEqualTo(first.message().id());
    assertThat(retry.chatId()).isEqualTo(first.chatId());
    assertThat(Await.done(core.messages.earliestAfter(first.chatId(), 0, 10))).hasSize(1);
  }

  @Test
  void aSendIntoAKnownChatAsksTheStoreThreeTimesAndARetryTwice() {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    ChatPorts p = core.ports;
    ChatServices counted =
        ChatServices.create(
            new ChatPorts(
                counting(ChatRepository.class, p.chats(), calls),
                p.memberships(),
                counting(MessageRepository.class, p.messages(), calls),
                counting(BlockList.class, p.blocks(), calls),
                p.mutes(),
                counting(UserDirectory.class, p.users(), calls),
                p.pushTokens(),
                p.events(),
                p.push(),
                p.presence(),
                p.sendRateLimit(),
                p.ids(),
                p.accessTokens(),
                p.storeHealth(),
                p.clock()),
            core.settings);
    Await.done(send(counted, ALICE, BOB, "c-1"));
    calls.clear();

    Await.done(send(counted, ALICE, BOB, "c-2"));
    assertThat(calls)
        .containsOnly(
            Map.entry("MessageRepository.findByClientMessageId", 1),
            Map.entry("ChatRepository.recordMessage", 1),
            Map.entry("MessageRepository.insert", 1));
    calls.clear();

    assertThat(Await.done(send(counted, ALICE, BOB, "c-2")).created()).isFalse();
    assertThat(calls)
        .containsOnly(
            Map.entry("MessageRepository.findByClientMessageId", 1),
            Map.entry("ChatRepository.findById", 1));
  }

  /** The real port, counting the calls made to it. */
  private static <T> T counting(Class<T> port, T real, Map<String, Integer> calls) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (proxy, method, args) -> {
              calls.merge(port.getSimpleName() + "." + method.getName(), 1, Integer::sum);
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
