package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;

import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.testing.Users;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Measures the storage costs issue 15 bounds, warm (each case run a few hundred times before it is
 * timed), through the ports: a user's chat list on a store of 100,000 chats (10,000 with {@code
 * small}), for users in 1,000 chats each (chats of two only, groups only, a mix); a read mark; the
 * latest history page of chats of 100 and 100,000 messages; and sends (the chat write and the
 * message insert, group-committed). Not a test: run it by hand (docs/benchmarks.md): {@code ./mvnw
 * -B -q -pl adapter-sqlite -am -Pbench -DskipTests verify [-Dbench.size=small]}.
 */
public final class StoreBenchmark {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final int MY_CHATS = 1_000;
  private static final Set<ChatType> ALL = EnumSet.allOf(ChatType.class);

  private final SqliteStore store;
  private final int storeChats;
  private final SqliteIds ids = new SqliteIds();
  private final SplittableRandom random = new SplittableRandom(15);
  private final List<Chat> pairs = new ArrayList<>();
  private final List<Chat> toImport = new ArrayList<>();
  private final List<Membership> membershipsToImport = new ArrayList<>();

  private StoreBenchmark(SqliteStore store, int storeChats) {
    this.store = store;
    this.storeChats = storeChats;
  }

  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("chat-list-bench");
    try (SqliteStore store = SqliteStore.open(directory)) {
      // "small": a store of 10,000 chats, to see that a list does not cost more in a larger one.
      int storeChats = Arrays.asList(args).contains("small") ? 10_000 : 100_000;
      StoreBenchmark bench = new StoreBenchmark(store, storeChats);
      bench.fill();
      for (String user : List.of("pairs", "groups", "mixed")) {
        bench.list(UserId.of(user));
      }
      bench.marks();
      bench.history();
      bench.sends(Arrays.asList(args).contains("quick") ? 5_000 : 20_000);
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  /** The three users' 1,000 chats each, and other users' chats up to the store's size. */
  private void fill() {
    long started = System.nanoTime();
    for (int i = 0; i < MY_CHATS; i++) {
      pair(UserId.of("pairs"), UserId.of("p" + i));
      group(List.of(UserId.of("groups"), UserId.of("g" + i)));
      if (i % 10 < 7) {
        pair(UserId.of("mixed"), UserId.of("m" + i));
      } else {
        group(List.of(UserId.of("mixed"), UserId.of("m" + i)));
      }
    }
    for (int made = 3 * MY_CHATS; made < storeChats; made++) {
      UserId a = UserId.of("u" + random.nextInt(20_000));
      UserId b = UserId.of("u" + random.nextInt(20_000));
      if (made % 5 == 0) {
        group(List.of(a, b));
      } else if (!a.equals(b)) {
        pair(a, b);
      } else {
        made--;
      }
      if (toImport.size() >= 2_000) {
        flush();
      }
    }
    flush();
    System.out.printf(
        "store: %,d chats, filled in %d ms%n",
        storeChats, (System.nanoTime() - started) / 1_000_000);
  }

  /** Imports what was made so far, in one write. */
  private void flush() {
    List<Chat> chats = List.copyOf(toImport);
    List<Membership> members = List.copyOf(membershipsToImport);
    toImport.clear();
    membershipsToImport.clear();
    done(
        store.write(
            session -> {
              for (Chat chat : chats) {
                try {
                  SqliteChatRepository.importChat(session, chat);
                } catch (IllegalStateException samePair) {
                  // Random pairs repeat now and then: one chat per pair.
                  pairs.remove(chat);
                }
              }
              for (Membership membership : members) {
                SqliteMembershipRepository.importMembership(session, membership);
              }
              return null;
            }));
  }

  private Instant someTime() {
    return T0.plusSeconds(random.nextInt(10_000_000));
  }

  private Chat pair(UserId a, UserId b) {
    Chat chat = Chat.start(ids.newChatId(), a, b, Users.DESK, Optional.empty(), T0);
    Chat sent =
        chat.withMessage(
            new NewMessage(
                    ids.newMessageId(),
                    a,
                    MessageText.of("hello there"),
                    someTime(),
                    Optional.empty())
                .at(chat.id(), 1),
            Optional.empty());
    pairs.add(sent);
    toImport.add(sent);
    return sent;
  }

  private Chat group(List<UserId> members) {
    Chat chat = Chat.startGroup(ids.newChatId(), GroupProfile.named("A group"), false, T0);
    Chat sent =
        chat.withMessage(
            new NewMessage(
                    ids.newMessageId(),
                    members.get(0),
                    MessageText.of("hello all"),
                    someTime(),
                    Optional.empty())
                .at(chat.id(), 1),
            Optional.empty());
    for (UserId member : members) {
      membershipsToImport.add(Membership.joined(chat.id(), member, GroupRole.MEMBER, 1, T0));
    }
    toImport.add(sent);
    return sent;
  }

  /** The first page of 50, then every page of 50 to the end, many times over. */
  private void list(UserId user) {
    ChatRepository chats = store.chats();
    time(
        user.value() + ": first page of 50 of the chat list",
        () -> done(chats.listForUser(user, ALL, Set.of(), Optional.empty(), 50)));
    long started = System.nanoTime();
    int pages = 0;
    int listed = 0;
    for (int round = 0; round < 20; round++) {
      Optional<ChatCursor> after = Optional.empty();
      while (true) {
        List<Chat> page = done(chats.listForUser(user, ALL, Set.of(), after, 50));
        pages++;
        if (page.isEmpty()) {
          break;
        }
        listed += page.size();
        after = Optional.of(ChatCursor.of(page.get(page.size() - 1)));
      }
    }
    System.out.printf(
        "%s: every page of 50 to the end: %.0f us each (%d chats listed per walk)%n",
        user.value(), (System.nanoTime() - started) / 1_000.0 / pages, listed / 20);
  }

  /** Read marks: a chat of two's (compare-and-set of the member's marks) and a group's ($max). */
  private void marks() {
    UserId user = UserId.of("pairs");
    Chat latest = done(store.chats().listForUser(user, ALL, Set.of(), Optional.empty(), 1)).get(0);
    time(
        "mark seen in a chat of two (compare-and-set)",
        () ->
            done(
                store
                    .chats()
                    .compareAndSetMember(
                        latest.id(),
                        user,
                        latest.lastSeq(),
                        latest.member(user),
                        latest.member(user))));
    UserId member = UserId.of("groups");
    Chat group = done(store.chats().listForUser(member, ALL, Set.of(), Optional.empty(), 1)).get(0);
    long[] seq = {0};
    time(
        "mark read in a group (one membership, $max)",
        () -> done(store.memberships().advanceRead(group.id(), member, ++seq[0])));
  }

  /** The latest page of 50 of a chat of 100 and of one of 100,000 messages. */
  private void history() {
    for (int size : List.of(100, 100_000)) {
      Chat chat =
          Chat.start(
              ids.newChatId(),
              UserId.of("h" + size),
              UserId.of("k" + size),
              Users.DESK,
              Optional.empty(),
              T0);
      List<Message> batch = new ArrayList<>();
      for (int seq = 1; seq <= size; seq++) {
        batch.add(
            new NewMessage(
                    ids.newMessageId(),
                    seq % 2 == 0 ? chat.pair().first() : chat.pair().second(),
                    MessageText.of("message number " + seq + " with some ordinary text in it"),
                    T0.plusMillis(seq),
                    Optional.empty())
                .at(chat.id(), seq));
        if (batch.size() == 2_000 || seq == size) {
          List<Message> writing = List.copyOf(batch);
          batch.clear();
          done(
              store.write(
                  session -> {
                    for (Message message : writing) {
                      SqliteMessageRepository.importMessage(session, message);
                    }
                    return null;
                  }));
        }
      }
      time(
          "latest page of 50 in a chat of " + size + " messages",
          () -> {
            List<Message> page = done(store.messages().latestBefore(chat.id(), 1, size + 1, 50));
            if (page.size() != 50 || page.get(49).seq() != size) {
              throw new IllegalStateException("unexpected page");
            }
          });
    }
  }

  /** Runs {@code once} 300 times to warm up, then 2,000 times timed; prints the median and p99. */
  private static void time(String what, Runnable once) {
    for (int i = 0; i < 300; i++) {
      once.run();
    }
    long[] nanos = new long[2_000];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      once.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-52s median %6.0f us   p99 %6.0f us%n",
        what, nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3);
  }

  /**
   * Sends into random chats of two as the server makes them (one write: the chat's step and the
   * message, {@code MessageRepository.record}), 256 in flight: the rate, the commits, and this
   * process's CPU per send (the writer's work, fsync calls included).
   */
  private void sends(int count) throws InterruptedException {
    for (boolean timed : List.of(false, true)) {
      ChatRepository chats = store.chats();
      Semaphore inFlight = new Semaphore(256);
      List<CompletableFuture<?>> all = new ArrayList<>(count);
      long commits = store.commits();
      long cpu = processCpuNanos();
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        Chat chat = pairs.get(random.nextInt(pairs.size()));
        UserId sender = chat.pair().first();
        NewMessage message =
            new NewMessage(
                ids.newMessageId(),
                sender,
                MessageText.of("message " + i + " with some ordinary text in it"),
                T0.plusSeconds(20_000_000).plusMillis(i),
                Optional.empty());
        inFlight.acquire();
        all.add(
            store
                .messages()
                .record(chats, chat, message, Optional.empty())
                .whenComplete((c, e) -> inFlight.release())
                .toCompletableFuture());
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (timed) {
        System.out.printf(
            "sends (chat step + message, one write): %,d in %.2f s: %,.0f/s, %.2f commits per send,"
                + " %.0f us of CPU per send%n",
            count,
            seconds,
            count / seconds,
            (store.commits() - commits) / (double) count,
            (processCpuNanos() - cpu) / 1e3 / count);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
