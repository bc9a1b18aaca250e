package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.application.testing.Times;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Search beyond the contract: words folded as {@link SearchTerms} folds them, scopes with their own
 * seqs, and both plans ({@link MessageSearch}: the chats' tokens for few chats, the newest matches
 * then the chats' tokens for many) paging exactly as a plain model of the rules does, through ties
 * of time, tombstones, system entries, edits and messages hidden for the searcher.
 */
class MessageSearchTest extends MessageStoreFixture {
  private static final Comparator<Message> NEWEST_FIRST =
      Comparator.comparing(Message::createdAt).thenComparing(m -> m.id().value()).reversed();

  MessageSearchTest() {
    super(17L);
  }

  @Test
  void wordsMatchAsSearchTermsFoldsThemWhateverTheirCaseAccentsOrScript() {
    Message german = text(chat, 1, "\u00c4rger \u00fcber die STRASSE", at(1));
    Message french = text(chat, 2, "d\u00e9j\u00e0 VU, \u00c9l\u00e8ve", at(2));
    Message japanese = text(chat, 3, "\u6771\u4eac\u30bf\u30ef\u30fc\u3078", at(3));
    Message digits = text(chat, 4, "Room 101, floor 3", at(4));
    store(german, french, japanese, digits);

    assertThat(search("arger UBER stra\u00dfe")).containsExactly(german);
    assertThat(search("DEJA vu eleve")).containsExactly(french);
    assertThat(search("\u4eac\u6771")).as("each Han char a word").containsExactly(japanese);
    assertThat(search("\u30bf")).containsExactly(japanese);
    assertThat(search("101")).containsExactly(digits);
    assertThat(search("10")).as("whole words only").isEmpty();
  }

  @Test
  void aWordNoTextCouldHaveMatchesNothingAndNoWordIsRefused() {
    store(text(chat, 1, "lunch at noon", at(1)));
    List<SearchScope> scopes = List.of(new SearchScope(chat, 1, Long.MAX_VALUE));

    assertThat(done(store.messages().search(ALICE, List.of("lunch noon"), scopes, none(), 9)))
        .isEmpty();
    assertThat(done(store.messages().search(ALICE, List.of("lunch\""), scopes, none(), 9)))
        .isEmpty();
    assertThat(done(store.messages().search(ALICE, List.of("lunch"), scopes, none(), 0))).isEmpty();
    assertThat(failure(store.messages().search(ALICE, List.of(), scopes, none(), 9)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoScopesOfOneChatKeepEachTheirSeqs() {
    List<Message> stored = new ArrayList<>();
    for (long seq = 1; seq <= 9; seq++) {
      stored.add(text(chat, seq, "note " + seq, at(seq)));
    }
    store(stored.toArray(Message[]::new));
    List<SearchScope> scopes =
        List.of(
            new SearchScope(chat, 2, 3), new SearchScope(chat, 7, 8), new SearchScope(chat, 5, 4));

    assertThat(done(store.messages().search(ALICE, List.of("note"), scopes, none(), 9)))
        .containsExactly(stored.get(7), stored.get(6), stored.get(2), stored.get(1));
  }

  @Test
  void aCursorOutsideTheStoresTimesIsNoProblem() {
    Message message = text(chat, 1, "timeless", at(1));
    store(message);
    List<SearchScope> scopes = List.of(new SearchScope(chat, 1, Long.MAX_VALUE));

    assertThat(search(scopes, cursor(Instant.ofEpochMilli(Long.MAX_VALUE), message), "timeless"))
        .containsExactly(message);
    assertThat(search(scopes, cursor(Instant.ofEpochMilli(Long.MIN_VALUE), message), "timeless"))
        .isEmpty();
  }

  /**
   * 600 messages in 12 chats, many sharing their millisecond (and stored in no order), some edited,
   * deleted, hidden for the searcher or system entries; every query pages to the end through each
   * plan and matches the model: every word, in a scope, shown to the searcher, newest first, ties
   * by id.
   */
  @Test
  void everyPlanPagesAsTheModel() {
    Random random = new Random(18);
    List<String> vocabulary =
        List.of("the", "alpha", "Beta", "GAMMA", "d\u00e9lta", "epsilon", "zeta", "eta");
    List<ChatId> chats = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      chats.add(ids.newChatId());
    }
    Map<String, Message> stored = new LinkedHashMap<>();
    long[] seqs = new long[chats.size()];
    for (int i = 0; i < 600; i++) {
      int c = random.nextInt(chats.size());
      long seq = ++seqs[c];
      Instant time = Times.atMillis(random.nextInt(150) * 7L);
      Message message =
          random.nextInt(20) == 0
              ? NewMessage.system(ids.newMessageId(), SystemEvent.added(BOB, List.of(ALICE)), time)
                  .at(chats.get(c), seq)
              : text(chats.get(c), seq, words(random, vocabulary), time);
      stored.put(message.id().value(), message);
    }
    // Stored in another order than their ids': of one millisecond, the store's order is not the
    // answer's.
    List<Message> shuffled = new ArrayList<>(stored.values());
    Collections.shuffle(shuffled, random);
    shuffled.forEach(m -> done(store.messages().insert(m)));
    long change = 0;
    for (Message message : List.copyOf(stored.values())) {
      if (message.isSystem()) {
        continue;
      }
      Message revised =
          switch (random.nextInt(8)) {
            case 0 -> message.deletedForEveryone(at(999), ++change);
            case 1 -> message.hiddenFor(ALICE, ++change);
            case 2 -> message.hiddenFor(BOB, ++change);
            case 3 -> message.edited(MessageText.of(words(random, vocabulary)), at(999), ++change);
            default -> message;
          };
      if (revised != message) {
        done(store.messages().revise(revised));
        stored.put(revised.id().value(), revised);
      }
    }
    List<List<SearchScope>> scopeSets =
        List.of(
            List.of(new SearchScope(chats.get(0), 1, Long.MAX_VALUE)),
            List.of(new SearchScope(chats.get(1), 10, 30), new SearchScope(chats.get(2), 1, 20)),
            chats.subList(0, 5).stream().map(c -> new SearchScope(c, 5, 40)).toList(),
            chats.stream().map(c -> new SearchScope(c, 1, Long.MAX_VALUE)).toList(),
            List.of(
                new SearchScope(chats.get(3), 1, 10),
                new SearchScope(chats.get(3), 30, 40),
                new SearchScope(chats.get(4), 1, Long.MAX_VALUE),
                new SearchScope(chats.get(5), 1, Long.MAX_VALUE)));
    List<MessageSearch> plans =
        List.of(
            new MessageSearch(store),
            new MessageSearch(store, 1, 5),
            new MessageSearch(store, 2, 3),
            new MessageSearch(store, 1, 1_000));
    int compared = 0;
    for (String query : List.of("the", "alpha beta", "gamma delta the", "zeta", "nowhere")) {
      List<String> words = SearchTerms.query(query);
      for (List<SearchScope> scopes : scopeSets) {
        List<Message> expected =
            stored.values().stream()
                .filter(m -> !m.isSystem() && !m.isDeleted() && !m.isHiddenFor(ALICE))
                .filter(
                    m ->
                        scopes.stream()
                            .anyMatch(s -> s.chat().equals(m.chatId()) && s.covers(m.seq())))
                .filter(m -> SearchTerms.words(m.text().value()).containsAll(words))
                .sorted(NEWEST_FIRST)
                .toList();
        for (MessageSearch plan : plans) {
          for (int limit : new int[] {1, 4, 50}) {
            assertThat(pageThrough(plan, words, scopes, limit))
                .as("%s in %d scopes, pages of %d", query, scopes.size(), limit)
                .containsExactlyElementsOf(expected);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(5 * 5 * 4 * 3);
  }

  private static List<Message> pageThrough(
      MessageSearch plan, List<String> words, List<SearchScope> scopes, int limit) {
    List<Message> all = new ArrayList<>();
    Optional<SearchCursor> after = Optional.empty();
    for (int pages = 0; pages < 1_000; pages++) {
      List<Message> page = done(plan.search(ALICE, words, scopes, after, limit));
      assertThat(page).hasSizeLessThanOrEqualTo(limit);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      after = cursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1));
    }
    throw new AssertionError("no end of pages");
  }

  private static String words(Random random, List<String> vocabulary) {
    StringBuilder text = new StringBuilder();
    for (int w = 1 + random.nextInt(4); w > 0; w--) {
      text.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(' ');
    }
    return text.toString();
  }

  private List<Message> search(String query) {
    return search(List.of(new SearchScope(chat, 1, Long.MAX_VALUE)), none(), query);
  }

  private List<Message> search(
      List<SearchScope> scopes, Optional<SearchCursor> after, String query) {
    return done(store.messages().search(BOB, SearchTerms.query(query), scopes, after, 50));
  }

  private static Optional<SearchCursor> cursor(Instant at, Message message) {
    return Optional.of(new SearchCursor(at, message.id()));
  }

  private static Optional<SearchCursor> none() {
    return Optional.empty();
  }

  private void store(Message... messages) {
    for (Message message : messages) {
      assertThat(done(store.messages().insert(message)).created()).isTrue();
    }
  }

  private Message text(ChatId in, long seq, String text, Instant at) {
    return new NewMessage(ids.newMessageId(), ALICE, MessageText.of(text), at, Optional.empty())
        .at(in, seq);
  }
}
