package io.chat.application.service;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.ReactionRepository;
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
import java.util.List;
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
  void aSendIntoAKnownChatIsOneCallOfTheMessageStoreItsRetryCheckIncluded() {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    ChatPorts p = core.ports;
    ChatServices counted =
        ChatServices.create(
            new ChatPorts(
                counting(ChatRepository.class, p.chats(), calls),
                p.memberships(),
                counting(MessageRepository.class, p.messages(), calls),
                p.reactions(),
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
    // One call of the message store, the retry check included: a store that keeps chats and
    // messages together looks for the retry inside the send's write (SQLite); the in-memory
    // store's default looks first (the pair's chat, counted here, then the message by its client
    // id, inside it), then makes the chat's step (counted) and the insert (inside).
    assertThat(calls)
        .containsOnly(
            Map.entry("MessageRepository.recordUnlessStored", 1),
            Map.entry("ChatRepository.findByPair", 1),
            Map.entry("ChatRepository.recordMessage", 1));
    calls.clear();

    assertThat(Await.done(send(counted, ALICE, BOB, "c-2")).created()).isFalse();
    assertThat(calls)
        .containsOnly(
            Map.entry("MessageRepository.recordUnlessStored", 1),
            Map.entry("ChatRepository.findByPair", 1));
  }

  /** A core that sends as fast as a test asks. */
  private final InMemoryCore busy =
      new InMemoryCore(ChatSettings.defaults(), 1_000, 1_000).withUsers(ALICE, BOB);

  private ChatServices counted(Map<String, Integer> calls) {
    ChatPorts p = busy.ports;
    return ChatServices.create(
        new ChatPorts(
            counting(ChatRepository.class, p.chats(), calls),
            counting(MembershipRepository.class, p.memberships(), calls),
            counting(MessageRepository.class, p.messages(), calls),
            counting(ReactionRepository.class, p.reactions(), calls),
            p.blocks(),
            p.mutes(),
            p.users(),
            p.pushTokens(),
            p.events(),
            p.push(),
            p.presence(),
            p.sendRateLimit(),
            p.ids(),
            p.accessTokens(),
            p.storeHealth(),
            p.clock()),
        busy.settings);
  }

  @Test
  void anEditOfAnOldMessageWritesThatMessageAndTheChatOnce() {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    ChatServices counted = counted(calls);
    Sent old = busy.send(ALICE, BOB, "old");
    for (int i = 0; i < 30; i++) {
      busy.send(BOB, ALICE, "more " + i);
    }

    Await.done(
        counted
            .lifecycle()
            .edit(InMemoryCore.user(ALICE), old.chatId(), old.message().id(), "edited"));

    assertThat(calls)
        .containsOnly(
            Map.entry("ChatRepository.findById", 2),
            Map.entry("MessageRepository.findById", 1),
            // the probe for a revision cut short before its chat write (none: an empty range)
            Map.entry("MessageRepository.revisedBetween", 1),
            Map.entry("MessageRepository.revise", 1),
            Map.entry("ChatRepository.recordRevision", 1));
  }

  @Test
  void aHistoryPageWithAnswersAndReactionsIsOneRangeReadAndTwoBoundedReads() {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    ChatServices counted = counted(calls);
    Sent question = busy.send(ALICE, BOB, "question");
    for (int i = 0; i < 60; i++) {
      busy.send(BOB, ALICE, "filler " + i);
    }
    for (int i = 0; i < 10; i++) {
      Sent answer =
          Await.done(
              busy.services
                  .chats()
                  .send(
                      BOB,
                      question.chatId(),
                      new Outgoing(
                          "answer " + i,
                          Optional.empty(),
                          List.of(),
                          Optional.of(question.message().id()),
                          false)));
      Await.done(
          busy.services
              .lifecycle()
              .react(
                  InMemoryCore.user(ALICE), question.chatId(), answer.message().id(), "👍", true));
    }
    Await.done(busy.services.chats().markDelivered(ALICE, question.chatId(), Long.MAX_VALUE));

    HistoryPage page =
        Await.done(counted.chats().history(ALICE, question.chatId(), HistoryRange.latest(50)));

    assertThat(page.messages()).hasSize(50);
    assertThat(page.messages().get(49).lifecycle().replyTo().orElseThrow().text())
        .isEqualTo("question");
    assertThat(page.messages().get(49).lifecycle().reactions().get(0).mine()).isTrue();
    // The chat by its id, then by its pair (the pair's rules, blocks included, answer a chat of
    // two).
    assertThat(calls)
        .containsOnly(
            Map.entry("ChatRepository.findById", 1),
            Map.entry("ChatRepository.findByPair", 1),
            Map.entry("MessageRepository.latestBefore", 1),
            Map.entry("MessageRepository.findByIds", 1),
            Map.entry("ReactionRepository.mine", 1));
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
