package io.chat.application.service.group;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.ERIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.GroupChange;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.application.testing.Users;
import io.chat.domain.chat.ChatType;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A group's story through the core: membership, timeline, visibility, reading, events, push. */
class GroupScenarioTest {
  private final InMemoryCore core =
      new InMemoryCore(ChatSettings.defaults().withGroupRules(new GroupRules(4, 3)))
          .withUsers(ALICE, BOB, CAROL, DAVE, ERIN, Users.FRANK);

  private ChatView create(UserId owner, String name, UserId... members) {
    return Await.done(
        core.services
            .groups()
            .create(
                new CreateGroup(
                    owner, name, Optional.empty(), Optional.empty(), List.of(members), false)));
  }

  private Sent send(UserId from, ChatId group, String text, UserId... mentions) {
    return Await.done(
        core.services.chats().send(from, group, text, Optional.empty(), List.of(mentions)));
  }

  private List<MessageView> history(UserId viewer, ChatId group) {
    return Await.done(core.services.chats().history(viewer, group, HistoryRange.latest(50)))
        .messages();
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    Throwable failure = Await.failure(stage);
    assertThat(failure).isInstanceOf(ChatException.class);
    return ((ChatException) failure).code();
  }

  @Test
  void aCreatedGroupStartsWithItsSystemEntryAndItsOwner() {
    ChatView group = create(ALICE, "  Trip  ", BOB, CAROL, BOB);

    assertThat(group.type()).isEqualTo(ChatType.GROUP);
    assertThat(group.group().orElseThrow().profile().name()).isEqualTo("Trip");
    assertThat(group.group().orElseThrow().memberCount()).isEqualTo(3);
    assertThat(group.group().orElseThrow().myRole()).contains(GroupRole.OWNER);
    List<MessageView> story = history(BOB, group.id());
    assertThat(story).hasSize(1);
    SystemEvent created = story.get(0).system().orElseThrow();
    assertThat(created.type()).isEqualTo(SystemEvent.Type.GROUP_CREATED);
    assertThat(created.actor()).isEqualTo(ALICE);
    assertThat(created.subjects()).containsExactly(BOB, CAROL);
    assertThat(story.get(0).text()).isEmpty();
    assertThat(
            Await.done(core.services.groups().members(BOB, group.id(), PageRequest.first(10)))
                .members())
        .extracting(m -> m.user().id(), m -> m.role())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ALICE, GroupRole.OWNER),
            org.assertj.core.groups.Tuple.tuple(BOB, GroupRole.MEMBER),
            org.assertj.core.groups.Tuple.tuple(CAROL, GroupRole.MEMBER));
  }

  @Test
  void aMessageReachesExactlyTheCurrentMembersInOrder() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();
    core.events.clear();

    Sent sent = send(BOB, group, "hello all");

    assertThat(sent.message().seq()).isEqualTo(2);
    assertThat(core.events.receivedBy(BOB, ChatEvent.MessageSent.class)).hasSize(1);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageNew.class)).hasSize(1);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.MessageNew.class)).hasSize(1);
    assertThat(core.events.receivedBy(DAVE)).isEmpty();
    assertThat(core.events.receivedBy(CAROL, ChatEvent.ChatUpdate.class).get(0).unreadCount())
        .isEmpty();
  }

  @Test
  void aRetryWithTheSameClientMessageIdStoresOnce() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    Sent first =
        Await.done(
            core.services
                .chats()
                .send(
                    BOB,
                    group,
                    "once",
                    Optional.of(io.chat.domain.message.ClientMessageId.of("c-1")),
                    List.of()));
    Sent again =
        Await.done(
            core.services
                .chats()
                .send(
                    BOB,
                    group,
                    "once",
                    Optional.of(io.chat.domain.message.ClientMessageId.of("c-1")),
                    List.of()));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.message().id()).isEqualTo(first.message().id());
    assertThat(history(ALICE, group)).hasSize(2);
  }

  @Test
  void aMemberSeesFromTheirJoinAndAFormerMemberUpToTheirLeave() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    send(ALICE, group, "before dave");
    List<UserId> added = Await.done(core.services.groups().addMembers(ALICE, group, List.of(DAVE)));
    send(BOB, group, "after dave");

    assertThat(added).containsExactly(DAVE);
    assertThat(history(DAVE, group))
        .extracting(m -> m.system().map(e -> e.type().wire()).orElse(m.text()))
        .containsExactly("members_added", "after dave");

    Await.done(core.services.groups().leave(DAVE, group));
    send(ALICE, group, "after dave left");

    assertThat(history(DAVE, group))
        .extracting(m -> m.system().map(e -> e.type().wire()).orElse(m.text()))
        .containsExactly("members_added", "after dave", "member_left");
    assertThat(refusal(core.services.chats().send(DAVE, group, "hi", Optional.empty(), List.of())))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
    assertThat(refusal(core.services.chats().history(ERIN, group, HistoryRange.latest(5))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aRemovedMemberHearsTheRemovalOnceAndThenNothing() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();
    core.events.clear();

    Await.done(core.services.groups().removeMember(ALICE, group, CAROL));
    List<ChatEvent> toCarol = core.events.receivedBy(CAROL);
    send(BOB, group, "carol is gone");

    assertThat(toCarol).extracting(ChatEvent::name).contains("message:new", "chat:member:removed");
    assertThat(core.events.receivedBy(CAROL)).hasSameSizeAs(toCarol);
    assertThat(core.events.receivedBy(BOB, ChatEvent.MembersChanged.class))
        .extracting(ChatEvent.MembersChanged::change, ChatEvent.MembersChanged::members)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("removed", List.of(CAROL)));
  }

  @Test
  void rolesDecideWhoManagesAndTheOwnerPassesOnWhenLeaving() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();

    assertThat(refusal(core.services.groups().addMembers(BOB, group, List.of(DAVE))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            refusal(
                core.services
                    .groups()
                    .update(
                        BOB,
                        group,
                        new GroupChange(
                            Optional.of("Mine"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))))
        .isEqualTo(ErrorCode.FORBIDDEN);

    Await.done(core.services.groups().setRole(ALICE, group, CAROL, GroupRole.ADMIN));
    assertThat(refusal(core.services.groups().removeMember(CAROL, group, ALICE)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    Await.done(core.services.groups().leave(ALICE, group));

    assertThat(Await.done(core.services.chats().get(CAROL, group)).group().orElseThrow().myRole())
        .contains(GroupRole.OWNER);
    assertThat(
            Await.done(core.services.chats().get(BOB, group)).group().orElseThrow().memberCount())
        .isEqualTo(2);
  }

  @Test
  void ownershipIsHandedOverByTheOwnerOnly() {
    ChatId group = create(ALICE, "Trip", BOB).id();

    assertThat(refusal(core.services.groups().handOver(BOB, group, BOB)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    Await.done(core.services.groups().handOver(ALICE, group, BOB));

    assertThat(Await.done(core.services.chats().get(ALICE, group)).group().orElseThrow().myRole())
        .contains(GroupRole.ADMIN);
    assertThat(Await.done(core.services.chats().get(BOB, group)).group().orElseThrow().myRole())
        .contains(GroupRole.OWNER);
  }

  @Test
  void anAnnouncementGroupTakesMessagesFromOwnersAndAdminsOnly() {
    ChatId group = create(ALICE, "News", BOB).id();
    Await.done(
        core.services
            .groups()
            .update(
                ALICE,
                group,
                new GroupChange(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true))));

    assertThat(refusal(core.services.chats().send(BOB, group, "hi", Optional.empty(), List.of())))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(send(ALICE, group, "news").created()).isTrue();
  }

  @Test
  void limitsBlocksAndStrangersAreRefusedWithTheirCodes() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    Await.done(core.blocks.add(Users.block(ERIN, ALICE, core.clock.instant())));

    assertThat(refusal(core.services.groups().addMembers(ALICE, group, List.of(ERIN))))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(
            refusal(
                core.services
                    .groups()
                    .addMembers(ALICE, group, List.of(CAROL, DAVE, ERIN, Users.FRANK))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    Await.done(core.services.groups().addMembers(ALICE, group, List.of(CAROL, DAVE)));
    assertThat(refusal(core.services.groups().addMembers(ALICE, group, List.of(Users.FRANK))))
        .isEqualTo(ErrorCode.GROUP_FULL);
    assertThat(refusal(core.services.groups().addMembers(ALICE, group, List.of(core.system()))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(core.services.chats().get(ERIN, group))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(core.services.chats().get(ALICE, ChatId.of("0123456789abcdef01234567"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(history(ALICE, group)).hasSize(2);
  }

  @Test
  void unreadCountsAreExactPerMemberAndAReadMarkShowsWhoRead() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();
    Sent first = send(ALICE, group, "one");
    send(ALICE, group, "two");
    send(BOB, group, "three");

    assertThat(unread(CAROL, group)).isEqualTo(3);
    assertThat(unread(BOB, group)).isEqualTo(2);
    assertThat(history(ALICE, group).get(1).seen()).isFalse();

    Await.done(core.services.chats().markRead(CAROL, group));

    assertThat(unread(CAROL, group)).isZero();
    assertThat(history(ALICE, group).get(1).seen()).isTrue();
    assertThat(
            Await.done(
                    core.services
                        .chats()
                        .readers(ALICE, group, first.message().id(), PageRequest.first(10)))
                .members())
        .extracting(m -> m.user().id())
        .containsExactly(CAROL);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class)).isNotEmpty();
  }

  private long unread(UserId viewer, ChatId group) {
    return Await.done(
            core.services.chats().list(viewer, Optional.of(ChatType.GROUP), PageRequest.first(10)))
        .chats()
        .stream()
        .filter(c -> c.id().equals(group))
        .findFirst()
        .orElseThrow()
        .unreadCount();
  }

  @Test
  void theChatListMixesGroupsAndPairsByActivityAndThePairListShowsNoGroups() {
    core.send(ALICE, BOB, "pair first");
    core.clock.advance(java.time.Duration.ofSeconds(1));
    ChatId group = create(ALICE, "Trip", BOB).id();
    core.clock.advance(java.time.Duration.ofSeconds(1));
    core.send(ALICE, CAROL, "pair last");

    assertThat(
            Await.done(core.services.chats().list(ALICE, Optional.empty(), PageRequest.first(10)))
                .chats())
        .extracting(ChatView::type)
        .containsExactly(ChatType.USER_CHAT, ChatType.GROUP, ChatType.USER_CHAT);
    assertThat(
            Await.done(core.services.listChats().listChats(ALICE, PageRequest.first(10))).chats())
        .extracting(ChatView::type)
        .containsOnly(ChatType.USER_CHAT);

    Await.done(core.services.groups().leave(BOB, group));
    Await.done(core.services.groups().hide(BOB, group));
    assertThat(
            Await.done(
                    core.services
                        .chats()
                        .list(BOB, Optional.of(ChatType.GROUP), PageRequest.first(10)))
                .chats())
        .isEmpty();
  }

  @Test
  void aMentionPushesEvenWhereTheGroupIsMutedAndTheTitleNamesTheGroup() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();
    Await.done(core.pushTokens.register(BOB, PushToken.of("ExponentPushToken[bob]", "ios")));
    Await.done(core.pushTokens.register(CAROL, PushToken.of("ExponentPushToken[carol]", "ios")));
    Await.done(core.services.chats().toggleMute(BOB, group, Optional.empty()));
    Await.done(core.services.chats().toggleMute(CAROL, group, Optional.empty()));

    send(ALICE, group, "hey @bob", BOB);

    assertThat(core.push.sentTo(BOB)).hasSize(1);
    assertThat(core.push.sentTo(BOB).get(0).title()).endsWith(" in Trip");
    assertThat(core.push.sentTo(CAROL)).isEmpty();
    assertThat(
            refusal(
                core.services.chats().send(ALICE, group, "hey", Optional.empty(), List.of(DAVE))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void membersOfSmallGroupsSeeEachOthersPresenceAndLargerGroupsCountOnline() {
    InMemoryCore small =
        new InMemoryCore(ChatSettings.defaults().withGroupRules(new GroupRules(10, 10, 2)))
            .withUsers(ALICE, BOB, CAROL, DAVE);
    ChatId pair =
        Await.done(
                small
                    .services
                    .groups()
                    .create(
                        new CreateGroup(
                            ALICE, "Two", Optional.empty(), Optional.empty(), List.of(BOB), false)))
            .id();
    ChatId three =
        Await.done(
                small
                    .services
                    .groups()
                    .create(
                        new CreateGroup(
                            CAROL,
                            "Three",
                            Optional.empty(),
                            Optional.empty(),
                            List.of(DAVE, ALICE),
                            false)))
            .id();
    Await.done(small.services.goOnline().goOnline(BOB));
    Await.done(small.services.goOnline().goOnline(DAVE));

    assertThat(Await.done(small.services.goOnline().goOnline(ALICE)).online()).containsExactly(BOB);
    assertThat(small.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
    assertThat(small.events.receivedBy(DAVE, ChatEvent.UserOnline.class)).isEmpty();
    assertThat(Await.done(small.services.chats().online(CAROL, three)))
        .isEqualTo(new io.chat.application.port.in.OnlineCount(2, 3));
    assertThat(Await.done(small.services.chats().online(BOB, pair)).online()).isEqualTo(2);
    assertThat(refusal(small.services.chats().online(DAVE, pair))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aRemovalThatGetsInFirstRefusesASendThatPassedTheFirstCheck() {
    ChatId group = create(ALICE, "Trip", BOB, CAROL).id();
    java.util.concurrent.CompletableFuture<Void> gate =
        new java.util.concurrent.CompletableFuture<>();
    io.chat.application.port.out.MembershipRepository memberships = core.ports.memberships();
    io.chat.application.port.out.MembershipRepository held =
        (io.chat.application.port.out.MembershipRepository)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {io.chat.application.port.out.MembershipRepository.class},
                (proxy, method, args) ->
                    method.getName().equals("saveAll")
                        ? gate.thenCompose(
                            open -> {
                              try {
                                return (CompletionStage<?>) method.invoke(memberships, args);
                              } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException(e);
                              }
                            })
                        : method.invoke(memberships, args));
    var p = core.ports;
    var services =
        io.chat.application.service.ChatServices.create(
            new io.chat.application.service.ChatPorts(
                p.chats(),
                held,
                p.messages(),
                p.reactions(),
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
            core.settings);

    CompletionStage<Void> removal = services.groups().removeMember(ALICE, group, CAROL);
    CompletionStage<Sent> send =
        services.chats().send(CAROL, group, "still here?", Optional.empty(), List.of());
    gate.complete(null);
    Await.done(removal);

    assertThat(refusal(send)).isEqualTo(ErrorCode.NOT_A_MEMBER);
    assertThat(history(ALICE, group)).extracting(MessageView::text).doesNotContain("still here?");
  }

  @Test
  void aMemberAddedLaterHasNotReadWhatCameBeforeTheirJoin() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    Sent before = send(ALICE, group, "before carol");
    Await.done(core.services.groups().addMembers(ALICE, group, List.of(CAROL)));

    assertThat(history(ALICE, group))
        .filteredOn(m -> m.id().equals(before.message().id()))
        .extracting(MessageView::seen)
        .containsExactly(false);
    assertThat(
            Await.done(
                    core.services
                        .chats()
                        .readers(ALICE, group, before.message().id(), PageRequest.first(10)))
                .members())
        .isEmpty();

    Await.done(core.services.chats().markRead(BOB, group));
    assertThat(history(ALICE, group))
        .filteredOn(m -> m.id().equals(before.message().id()))
        .extracting(MessageView::seen)
        .containsExactly(true);
  }

  @Test
  void marksMovedBeforeARoleChangeSurviveIt() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    send(ALICE, group, "one");
    Await.done(core.services.chats().markRead(BOB, group));
    Await.done(core.services.chats().clear(BOB, group));

    Await.done(core.services.groups().setRole(ALICE, group, BOB, GroupRole.ADMIN));
    Await.done(core.services.groups().handOver(ALICE, group, BOB));

    assertThat(history(BOB, group)).isNotEmpty().allMatch(m -> m.seq() > 2);
    assertThat(unread(BOB, group)).isZero();
  }

  @Test
  void theOnlineCountOfAPairIsRefusedAcrossABlock() {
    Sent sent = core.send(ALICE, BOB, "hi");
    Await.done(core.blocks.add(Users.block(ALICE, BOB, core.clock.instant())));

    assertThat(refusal(core.services.chats().online(BOB, sent.chatId())))
        .isEqualTo(ErrorCode.BLOCKED);
  }

  @Test
  void aRetryOfAStoredSendAnswersItAfterTheSenderWasRemoved() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    Optional<io.chat.domain.message.ClientMessageId> id =
        Optional.of(io.chat.domain.message.ClientMessageId.of("r-1"));
    Sent first = Await.done(core.services.chats().send(BOB, group, "sent once", id, List.of()));
    Await.done(core.services.groups().removeMember(ALICE, group, BOB));

    Sent retry = Await.done(core.services.chats().send(BOB, group, "sent once", id, List.of()));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message().id()).isEqualTo(first.message().id());
    assertThat(refusal(core.services.chats().send(BOB, group, "new", Optional.empty(), List.of())))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
  }

  @Test
  void joiningAndLeavingASmallGroupTellsPresenceBothWaysAtOnce() {
    ChatId group = create(ALICE, "Trip", BOB).id();
    Await.done(core.services.goOnline().goOnline(ALICE));
    Await.done(core.services.goOnline().goOnline(CAROL));
    core.events.clear();

    Await.done(core.services.groups().addMembers(ALICE, group, List.of(CAROL)));

    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(CAROL);
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .as("bob is offline: told nothing, told of nobody")
        .isEmpty();
    core.events.clear();

    Await.done(core.services.groups().removeMember(ALICE, group, CAROL));

    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(CAROL);
  }

  @Test
  void leavingAGroupKeepsThePresenceOfAPartnerOfAnotherChat() {
    core.send(ALICE, CAROL, "we have a chat of our own");
    ChatId group = create(ALICE, "Trip", CAROL).id();
    Await.done(core.services.goOnline().goOnline(ALICE));
    Await.done(core.services.goOnline().goOnline(CAROL));
    core.events.clear();

    Await.done(core.services.groups().leave(CAROL, group));

    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOffline.class)).isEmpty();
    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOffline.class)).isEmpty();
  }

  @Test
  void aNewGroupIntroducesItsOnlineMembersToEachOtherOnce() {
    for (UserId user : List.of(ALICE, BOB, CAROL)) {
      Await.done(core.services.goOnline().goOnline(user));
    }
    core.events.clear();

    create(ALICE, "Trip", BOB, CAROL, DAVE);

    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactlyInAnyOrder(BOB, CAROL);
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactlyInAnyOrder(ALICE, CAROL);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(core.events.receivedBy(DAVE))
        .extracting(ChatEvent::name)
        .doesNotContain("user:online");
  }
}
