package io.chat.application.service.search;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.ERIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.SearchPage;
import io.chat.application.port.in.Sent;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.application.testing.Users;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Search through the core: what a user finds, in which order and pages, and what they never do. */
class SearchServiceTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL, DAVE, ERIN);

  private Sent send(UserId from, UserId to, String text) {
    core.clock.advance(Duration.ofSeconds(1));
    return core.send(from, to, text);
  }

  private Sent send(UserId from, ChatId chat, String text) {
    core.clock.advance(Duration.ofSeconds(1));
    return Await.done(core.services.chats().send(from, chat, text, Optional.empty(), List.of()));
  }

  private SearchPage page(UserId who, String query, Optional<ChatId> chat, PageRequest page) {
    return Await.done(core.services.search().search(InMemoryCore.user(who), query, chat, page));
  }

  /** The texts {@code who} finds (first page of 50), newest first. */
  private List<String> found(UserId who, String query) {
    return texts(page(who, query, Optional.empty(), PageRequest.first(50)));
  }

  private List<String> foundIn(UserId who, ChatId chat, String query) {
    return texts(page(who, query, Optional.of(chat), PageRequest.first(50)));
  }

  private static List<String> texts(SearchPage page) {
    return page.messages().stream().map(MessageView::text).toList();
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    Throwable failure = Await.failure(stage);
    assertThat(failure).isInstanceOf(ChatException.class);
    return ((ChatException) failure).code();
  }

  private ChatId group(UserId owner, String name, UserId... members) {
    return Await.done(
            core.services
                .groups()
                .create(
                    new CreateGroup(
                        owner, name, Optional.empty(), Optional.empty(), List.of(members), false)))
        .id();
  }

  @Test
  void wordsMatchWhateverTheirCaseAndAccentsAndEveryWordMustBeThere() {
    send(ALICE, BOB, "Crème BRÛLÉE tonight?");
    send(ALICE, BOB, "crème fraîche");

    assertThat(found(BOB, "creme brulee")).containsExactly("Crème BRÛLÉE tonight?");
    assertThat(found(ALICE, "CRÈME")).containsExactly("crème fraîche", "Crème BRÛLÉE tonight?");
    assertThat(found(BOB, "brûlée, CRÈME!")).containsExactly("Crème BRÛLÉE tonight?");
    assertThat(found(BOB, "creme pie")).isEmpty();
    assertThat(found(BOB, "crem")).as("words match whole, not as prefixes").isEmpty();
  }

  @Test
  void aUserFindsOnlyTheMessagesOfTheirOwnChats() {
    ChatId theirs = send(ALICE, BOB, "the secret plan").chatId();
    send(CAROL, DAVE, "another secret plan");
    send(BOB, CAROL, "no secret here");

    SearchPage alices = page(ALICE, "secret plan", Optional.empty(), PageRequest.first(10));

    assertThat(texts(alices)).containsExactly("the secret plan");
    assertThat(alices.messages().get(0).chatId()).isEqualTo(theirs);
    assertThat(found(BOB, "secret")).containsExactly("no secret here", "the secret plan");
    assertThat(found(ERIN, "secret")).isEmpty();
  }

  @Test
  void aChatOfTwoIsSearchedAfterTheSearchersClearMarkOnly() {
    send(ALICE, BOB, "pizza one");
    Await.done(core.services.clearHistory().clearHistory(ALICE, BOB));
    send(BOB, ALICE, "pizza two");

    assertThat(found(ALICE, "pizza")).containsExactly("pizza two");
    assertThat(found(BOB, "pizza")).containsExactly("pizza two", "pizza one");
  }

  @Test
  void aGroupIsSearchedFromTheSearchersJoinToTheirLeaveAndItsSystemEntriesNever() {
    ChatId lunch = group(ALICE, "Lunch club", BOB);
    send(ALICE, lunch, "lunch one");
    Await.done(core.services.groups().addMembers(ALICE, lunch, List.of(CAROL)));
    send(BOB, lunch, "lunch two");
    Await.done(core.services.groups().leave(CAROL, lunch));
    send(ALICE, lunch, "lunch three");

    assertThat(found(CAROL, "lunch")).containsExactly("lunch two");
    assertThat(found(ALICE, "lunch")).containsExactly("lunch three", "lunch two", "lunch one");
    assertThat(found(DAVE, "lunch")).isEmpty();
    assertThat(found(ALICE, "club")).as("the group's name is in system entries only").isEmpty();
  }

  @Test
  void aFormerMemberWhoHidTheGroupSearchesItByItsIdOnly() {
    ChatId trip = group(ALICE, "Trip", BOB);
    send(ALICE, trip, "train tickets");
    Await.done(core.services.groups().leave(BOB, trip));
    Await.done(core.services.groups().hide(BOB, trip));

    assertThat(found(BOB, "tickets")).isEmpty();
    assertThat(foundIn(BOB, trip, "tickets")).containsExactly("train tickets");
  }

  @Test
  void aGroupMembersClearMarkBoundsTheirSearchToo() {
    ChatId team = group(ALICE, "Team", BOB);
    send(ALICE, team, "standup notes");
    Await.done(core.services.chats().clear(BOB, team));
    send(ALICE, team, "standup moved");

    assertThat(found(BOB, "standup")).containsExactly("standup moved");
    assertThat(found(ALICE, "standup")).containsExactly("standup moved", "standup notes");
  }

  @Test
  void messagesDeletedForEveryoneOrForTheSearcherAreNeverFound() {
    Sent gone = send(ALICE, BOB, "meet at noon");
    Sent hidden = send(ALICE, BOB, "meet at nine");
    send(ALICE, BOB, "meet later");
    ChatId chat = gone.chatId();

    Await.done(
        core.services
            .lifecycle()
            .delete(InMemoryCore.user(ALICE), chat, gone.message().id(), true));
    Await.done(
        core.services
            .lifecycle()
            .delete(InMemoryCore.user(BOB), chat, hidden.message().id(), false));

    assertThat(found(BOB, "meet")).containsExactly("meet later");
    assertThat(found(ALICE, "meet")).containsExactly("meet later", "meet at nine");
    assertThat(found(ALICE, "noon")).isEmpty();
  }

  @Test
  void anEditedMessageIsFoundByItsNewWordsOnly() {
    Sent sent = send(ALICE, BOB, "see you on monday");

    Await.done(
        core.services
            .lifecycle()
            .edit(
                InMemoryCore.user(ALICE), sent.chatId(), sent.message().id(), "see you on friday"));

    assertThat(found(BOB, "monday")).isEmpty();
    assertThat(found(BOB, "friday")).containsExactly("see you on friday");
  }

  @Test
  void aBlockedPairsChatIsNotSearchedWhileTheBlockHolds() {
    ChatId blocked = send(ALICE, BOB, "holiday photos").chatId();
    send(ALICE, CAROL, "holiday plans");

    Await.done(core.services.blockUser().block(BOB, ALICE));

    assertThat(found(ALICE, "holiday")).containsExactly("holiday plans");
    assertThat(found(BOB, "holiday")).isEmpty();
    assertThat(
            refusal(
                core.services
                    .search()
                    .search(
                        InMemoryCore.user(ALICE),
                        "holiday",
                        Optional.of(blocked),
                        PageRequest.first(10))))
        .isEqualTo(ErrorCode.BLOCKED);

    Await.done(core.services.unblockUser().unblock(BOB, ALICE));

    assertThat(found(ALICE, "holiday")).containsExactly("holiday plans", "holiday photos");
    assertThat(found(BOB, "holiday")).containsExactly("holiday photos");
    assertThat(foundIn(ALICE, blocked, "holiday")).containsExactly("holiday photos");
  }

  @Test
  void pagesComeNewestFirstAndTheCursorsWalkThemAllOnce() {
    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      UserId from = i % 2 == 0 ? ALICE : BOB;
      sent.add(send(from, from == ALICE ? BOB : ALICE, "report " + i).message().text());
    }
    // Three at the same millisecond: their ids order them.
    for (int i = 6; i <= 8; i++) {
      sent.add(core.send(ALICE, BOB, "report " + i).message().text());
    }
    ChatId group = group(ALICE, "Reports", BOB);
    sent.add(send(BOB, group, "report 9").message().text());
    List<String> newestFirst = new ArrayList<>(sent);
    Collections.reverse(newestFirst);

    List<String> walked = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      SearchPage page = page(BOB, "report", Optional.empty(), new PageRequest(cursor, 4));
      walked.addAll(texts(page));
      sizes.add(page.messages().size());
      assertThat(page.hasMore()).isEqualTo(page.nextCursor().isPresent());
      cursor = page.nextCursor();
    } while (cursor.isPresent() && sizes.size() < 5);

    assertThat(walked).isEqualTo(newestFirst);
    assertThat(sizes).containsExactly(4, 4, 1);
  }

  @Test
  void aLastFullPageSaysNoMoreFollow() {
    send(ALICE, BOB, "exact one");
    send(ALICE, BOB, "exact two");

    SearchPage page = page(ALICE, "exact", Optional.empty(), PageRequest.first(2));

    assertThat(page.messages()).hasSize(2);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void aSearchWithinOneChatFindsThatChatsMessagesOnly() {
    ChatId withBob = send(ALICE, BOB, "budget draft").chatId();
    send(ALICE, CAROL, "budget final");
    ChatId board = group(ALICE, "Board", DAVE);
    send(DAVE, board, "budget approved");

    assertThat(foundIn(ALICE, withBob, "budget")).containsExactly("budget draft");
    assertThat(foundIn(ALICE, board, "budget")).containsExactly("budget approved");
    assertThat(found(ALICE, "budget"))
        .containsExactly("budget approved", "budget final", "budget draft");
  }

  @Test
  void aSupportChatIsItsUsersAndStaffSearchAsThemselves() {
    UserId staffId = UserId.of("staff-1");
    Await.done(core.users.save(Users.profile(staffId)));
    ChatId support = send(ALICE, core.system(), "refund please").chatId();
    Await.done(
        core.services
            .replyToSupportChat()
            .reply(InMemoryCore.staff(staffId), support, "refund sent", Optional.empty()));
    send(staffId, BOB, "refund policy question");
    Actor staff = InMemoryCore.staff(staffId);

    assertThat(found(ALICE, "refund")).containsExactly("refund sent", "refund please");
    assertThat(
            texts(
                Await.done(
                    core.services
                        .search()
                        .search(staff, "refund", Optional.empty(), PageRequest.first(10)))))
        .containsExactly("refund policy question");
    assertThat(
            refusal(
                core.services
                    .search()
                    .search(staff, "refund", Optional.of(support), PageRequest.first(10))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void resultsShowQuotesAndTheSearchersOwnReactionsAsHistoryDoes() {
    Sent question = send(ALICE, BOB, "question about pasta");
    ChatId chat = question.chatId();
    core.clock.advance(Duration.ofSeconds(1));
    Await.done(
        core.services
            .chats()
            .send(
                BOB,
                chat,
                new Outgoing(
                    "answer about pasta",
                    Optional.empty(),
                    List.of(),
                    Optional.of(question.message().id()),
                    false)));
    Await.done(
        core.services
            .lifecycle()
            .react(InMemoryCore.user(BOB), chat, question.message().id(), "\uD83D\uDC4D", true));

    List<MessageView> found =
        page(BOB, "pasta", Optional.empty(), PageRequest.first(10)).messages();

    assertThat(found)
        .extracting(MessageView::text)
        .containsExactly("answer about pasta", "question about pasta");
    assertThat(found.get(0).lifecycle().replyTo().orElseThrow().id())
        .isEqualTo(question.message().id());
    assertThat(found.get(0).lifecycle().replyTo().orElseThrow().text())
        .isEqualTo("question about pasta");
    assertThat(found.get(1).lifecycle().reactions())
        .containsExactly(new ReactionView("\uD83D\uDC4D", 1, true));
    List<MessageView> alices =
        page(ALICE, "question", Optional.empty(), PageRequest.first(10)).messages();
    assertThat(alices.get(0).lifecycle().reactions())
        .containsExactly(new ReactionView("\uD83D\uDC4D", 1, false));
  }

  @Test
  void aUserInMoreChatsThanTheCapSearchesTheLatestActiveOnesAndAnyOneByItsId() {
    int chats = SearchService.MAX_CHATS + 1;
    List<ChatId> ids = new ArrayList<>();
    for (int i = 0; i < chats; i++) {
      UserId friend = Users.numbered(i);
      core.withUsers(friend);
      ids.add(send(friend, ALICE, "needle " + i).chatId());
    }

    SearchPage page = page(ALICE, "needle", Optional.empty(), PageRequest.first(200));
    List<String> all = new ArrayList<>(texts(page));
    for (int pages = 1; page.nextCursor().isPresent() && pages < 10; pages++) {
      page = page(ALICE, "needle", Optional.empty(), new PageRequest(page.nextCursor(), 200));
      all.addAll(texts(page));
    }

    assertThat(all).hasSize(SearchService.MAX_CHATS).doesNotContain("needle 0");
    assertThat(all.get(0)).isEqualTo("needle " + (chats - 1));
    assertThat(foundIn(ALICE, ids.get(0), "needle")).containsExactly("needle 0");
  }

  @Test
  void badQueriesAndCursorsAreRefused() {
    send(ALICE, BOB, "anything");
    for (String bad : new String[] {"", "   ", "?!", "a".repeat(1_001)}) {
      assertThat(
              refusal(
                  core.services
                      .search()
                      .search(
                          InMemoryCore.user(ALICE), bad, Optional.empty(), PageRequest.first(5))))
          .as("query %s", bad.length() > 10 ? bad.substring(0, 10) + "..." : bad)
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(
            refusal(
                core.services
                    .search()
                    .search(
                        InMemoryCore.user(ALICE),
                        "anything",
                        Optional.empty(),
                        new PageRequest(Optional.of("not-a-cursor"), 5))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aChatThatIsNotTheSearchersIsNotFound() {
    ChatId others = send(CAROL, DAVE, "private words").chatId();
    ChatId theirGroup = group(CAROL, "Theirs", DAVE);

    for (ChatId chat : List.of(others, theirGroup, ChatId.of("0123456789abcdef01234567"))) {
      assertThat(
              refusal(
                  core.services
                      .search()
                      .search(
                          InMemoryCore.user(ALICE),
                          "private",
                          Optional.of(chat),
                          PageRequest.first(5))))
          .isEqualTo(ErrorCode.NOT_FOUND);
    }
  }

  @Test
  void theSystemUserCannotSearch() {
    send(ALICE, core.system(), "help me");

    assertThat(
            refusal(
                core.services
                    .search()
                    .search(
                        InMemoryCore.staff(core.system()),
                        "help",
                        Optional.empty(),
                        PageRequest.first(5))))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void aResultCarriesItsIdAndPlaceForJumpingToIt() {
    Sent sent = send(ALICE, BOB, "jump here");

    MessageView found = page(BOB, "jump", Optional.empty(), PageRequest.first(5)).messages().get(0);

    assertThat(found.id()).isEqualTo(sent.message().id());
    assertThat(found.seq()).isEqualTo(sent.message().seq());
    assertThat(found.chatId()).isEqualTo(sent.chatId());
    assertThat(found.sender()).isEqualTo(ALICE);
  }
}
