package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * Measures the storage hot paths on the embedded store, through the driver over a loopback socket,
 * as the standalone server uses them. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code memory} (default) or {@code h2} (the durable file backend, in a temporary
 * directory), then optionally {@code quick} for smaller numbers, {@code sends} for the sends only,
 * {@code groups} for the group costs only (issue 13).
 */
public final class StoreBenchmark {
  private static final UserId ME = UserId.of("me");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final int PAGE = 50;

  private final MongoStore store;
  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> chats;
  private final boolean quick;

  private StoreBenchmark(MongoStore store, MongoClient client, String database, boolean quick) {
    this.store = store;
    this.messages = client.getDatabase(database).getCollection(MongoStore.MESSAGES);
    this.chats = client.getDatabase(database).getCollection(MongoStore.CHATS);
    this.quick = quick;
  }

  public static void main(String[] arguments) throws Exception {
    // Words may also come comma-separated in one argument (-Dbench.size=quick,groups).
    String[] args = String.join(",", arguments).split(",");
    String backend = args.length > 0 && !args[0].isEmpty() ? args[0] : "memory";
    boolean quick = Arrays.asList(args).contains("quick");
    Path directory = null;
    EmbeddedMongo server;
    if (backend.equals("h2")) {
      directory = Files.createTempDirectory("chat-bench");
      server = EmbeddedMongo.persistent(directory);
    } else {
      server = EmbeddedMongo.inMemory();
    }
    System.out.printf(
        "embedded store: %s backend, java %s, %d cpus%n",
        backend, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    try (MongoClient client = MongoClients.create(server.connectionString());
        MongoStore store =
            MongoStore.connect(server.connectionString(), "bench", Duration.ofSeconds(30))) {
      done(store.createIndexes());
      StoreBenchmark bench = new StoreBenchmark(store, client, "bench", quick);
      if (Arrays.asList(args).contains("groups")) {
        bench.groups();
        return;
      }
      if (!Arrays.asList(args).contains("sends")) {
        bench.historyPages();
        bench.chatList();
      }
      bench.sends();
    } finally {
      server.close();
      if (directory != null) {
        try (var files = Files.walk(directory)) {
          files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private Chat startChat(UserId a, UserId b) {
    return Chat.start(store.ids().newChatId(), a, b, SupportDesk.defaults(), Optional.empty(), T0);
  }

  private NewMessage newMessage(UserId sender, long n) {
    return new NewMessage(
        store.ids().newMessageId(),
        sender,
        MessageText.of("message number " + n + " with some ordinary text in it"),
        T0.plusMillis(n),
        Optional.empty());
  }

  /** A chat of {@code size} messages, filled in bulk (its chat document says lastSeq = size). */
  private ChatId chatOf(long size, UserId partner) {
    Chat chat = done(store.chats().findOrCreate(startChat(ME, partner)));
    List<Document> batch = new ArrayList<>();
    for (long seq = 1; seq <= size; seq++) {
      UserId sender = seq % 2 == 0 ? ME : partner;
      batch.add(Codec.messageDocument(newMessage(sender, seq).at(chat.id(), seq)));
      if (batch.size() == 1_000 || seq == size) {
        done(Stages.done(messages.insertMany(batch)));
        batch = new ArrayList<>();
      }
    }
    done(
        Stages.done(
            chats.updateOne(
                MongoChatRepository.byId(chat.id()),
                new Document("$set", new Document(Codec.LAST_SEQ, size)))));
    return chat.id();
  }

  private void historyPages() {
    long[] sizes = quick ? new long[] {100, 10_000} : new long[] {100, 10_000, 100_000};
    List<ChatId> ids = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      ids.add(chatOf(sizes[i], UserId.of("partner" + i)));
    }
    for (int i = 0; i < sizes.length; i++) {
      ChatId id = ids.get(i);
      long size = sizes[i];
      report(
          "  chat of " + size + " messages, latestBefore",
          () -> store.messages().latestBefore(id, 1, size + 1, PAGE),
          page -> page.size() == PAGE && page.get(PAGE - 1).seq() == size);
      report(
          "  chat of " + size + " messages, by pair then page",
          () ->
              store
                  .chats()
                  .findByPair(
                      ChatType.USER_CHAT, PairKey.of(ME, UserId.of("partner" + (ids.indexOf(id)))))
                  .thenCompose(
                      chat ->
                          store
                              .messages()
                              .latestBefore(id, 1, chat.orElseThrow().lastSeq() + 1, PAGE)),
          page -> page.size() == PAGE);
    }
    long size = sizes[sizes.length - 1];
    ChatId largest = ids.get(ids.size() - 1);
    report(
        "  chat of " + size + " messages, a page from the middle",
        () -> store.messages().latestBefore(largest, 1, size / 2, PAGE),
        page -> page.size() == PAGE);
    report(
        "  chat of " + size + " messages, resume after (5 new)",
        () -> store.messages().earliestAfter(largest, size - 5, PAGE),
        page -> page.size() == 5);
    System.out.printf(
        "%nlatest page of %d messages (messages collection: %d documents)%n",
        PAGE, Arrays.stream(sizes).sum());
    measure();
  }

  private void chatList() {
    int chatCount = 1_000;
    for (int i = 0; i < chatCount; i++) {
      UserId partner = UserId.of("friend" + i);
      Chat chat = startChat(ME, partner);
      NewMessage message = newMessage(partner, i);
      Chat after = done(store.chats().recordMessage(chat, message, Optional.empty()));
      done(store.messages().insert(message.at(after.id(), after.lastSeq())));
    }
    report(
        "  first page of 50",
        () -> store.chats().listForUser(ME, Set.of(), Optional.empty(), 50),
        page -> page.size() == 50);
    report(
        "  partners (presence fan-out)",
        () -> store.chats().partnersOf(ME),
        partners -> partners.size() >= chatCount);
    Chat latest = done(store.chats().listForUser(ME, Set.of(), Optional.empty(), 1)).get(0);
    report(
        "  mark seen (compare-and-set)",
        () ->
            store
                .chats()
                .compareAndSetMember(
                    latest.id(), ME, latest.lastSeq(), latest.member(ME), latest.member(ME)),
        done -> done);
    System.out.printf(
        "%nchat list of a user with %d chats (chats collection: %d documents)%n",
        chatCount, chatCount + 3);
    measure();
    fillOtherChats(quick ? 2_000 : 20_000);
    report(
        "  first page of 50",
        () -> store.chats().listForUser(ME, Set.of(), Optional.empty(), 50),
        page -> page.size() == 50);
    report(
        "  mark seen (compare-and-set)",
        () ->
            store
                .chats()
                .compareAndSetMember(
                    latest.id(), ME, latest.lastSeq(), latest.member(ME), latest.member(ME)),
        done -> done);
    report(
        "  the chat of a pair (unique key)",
        () -> store.chats().findByPair(ChatType.USER_CHAT, PairKey.of(ME, UserId.of("friend7"))),
        chat -> chat.isPresent());
    System.out.printf(
        "%nthe same with %d chats of other users in the store%n", quick ? 2_000 : 20_000);
    measure();
  }

  /** Chats between other users, written in bulk, to show what scans the embedded store makes. */
  private void fillOtherChats(int count) {
    fillOtherChats(0, count);
  }

  private void fillOtherChats(int from, int count) {
    List<Document> batch = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Chat chat = startChat(UserId.of("x" + i), UserId.of("y" + i));
      batch.add(Codec.chatDocument(chat));
      if (batch.size() == 1_000 || i == from + count - 1) {
        done(Stages.done(chats.insertMany(batch)));
        batch = new ArrayList<>();
      }
    }
  }

  /**
   * The costs issue 13 bounds: a send into a group of 1,000 against one into a chat of two (store
   * time only), a read mark whatever the group's size and history, and the chat list of a user in
   * 1,000 chats (half groups) as the store grows.
   */
  private void groups() {
    UserId partner = UserId.of("pair-partner");
    Chat pair = done(store.chats().findOrCreate(startChat(ME, partner)));
    ChatId small = groupOf(10, quick ? 100 : 10_000);
    ChatId large = groupOf(1_000, quick ? 100 : 10_000);
    AtomicLong n = new AtomicLong();
    report(
        "  send into a chat of two (upsert by pair + insert)",
        () -> {
          NewMessage m = newMessage(ME, n.incrementAndGet());
          return store
              .chats()
              .recordMessage(pair, m, Optional.empty())
              .thenCompose(c -> store.messages().insert(m.at(c.id(), c.lastSeq())));
        },
        stored -> stored.created());
    for (ChatId group : List.of(small, large)) {
      Chat chat = done(store.chats().findById(group)).orElseThrow();
      int size = chat.requireGroup().memberCount();
      report(
          "  send into a group of " + size + " (upsert by id + insert)",
          () -> {
            NewMessage m = newMessage(ME, n.incrementAndGet());
            return store
                .chats()
                .recordMessage(chat, m, Optional.empty())
                .thenCompose(c -> store.messages().insert(m.at(c.id(), c.lastSeq())));
          },
          stored -> stored.created());
      report(
          "  the same with the service's reads (chat x2, membership)",
          () -> {
            NewMessage m = newMessage(ME, n.incrementAndGet());
            return store
                .chats()
                .findById(group)
                .thenCompose(first -> store.chats().findById(group))
                .thenCompose(current -> store.memberships().find(group, ME))
                .thenCompose(again -> store.chats().recordMessage(chat, m, Optional.empty()))
                .thenCompose(c -> store.messages().insert(m.at(c.id(), c.lastSeq())));
          },
          stored -> stored.created());
      report(
          "  read mark in a group of " + size + " ($max on one membership)",
          () -> store.memberships().advanceRead(group, ME, n.incrementAndGet()),
          before -> before.isPresent());
      report(
          "  unread count in a group of " + size + " (capped at 999)",
          () -> store.messages().countUnread(group, UserId.of("m1"), 0, chat.lastSeq(), 999),
          count -> count > 0);
    }
    System.out.printf(
        "%ngroups: sends and marks (groups of 10 and 1,000 members, %d messages each)%n",
        quick ? 100 : 10_000);
    measure();

    for (int i = 0; i < 500; i++) {
      UserId friend = UserId.of("friend" + i);
      NewMessage message = newMessage(friend, i);
      Chat after =
          done(store.chats().recordMessage(startChat(ME, friend), message, Optional.empty()));
      done(store.messages().insert(message.at(after.id(), after.lastSeq())));
    }
    for (int i = 0; i < 498; i++) {
      groupOf(2, 1);
    }
    int[] totals = quick ? new int[] {10_000} : new int[] {10_000, 100_000};
    long inStore = done(Stages.single(chats.countDocuments()));
    int filled = 0;
    for (int total : totals) {
      fillOtherChats(filled, (int) (total - inStore));
      filled += (int) (total - inStore);
      inStore = total;
      report(
          "  first page of 50, all types",
          () ->
              store
                  .chats()
                  .listForUser(ME, Set.of(ChatType.values()), Set.of(), Optional.empty(), 51),
          page -> page.size() == 51);
      report(
          "  first page of 50, chats of two only",
          () -> store.chats().listForUser(ME, Set.of(), Optional.empty(), 51),
          page -> page.size() == 51);
      System.out.printf(
          "%nchat list of a user in 1,000 chats (500 of two, 500 groups), %d chats in the store%n",
          total);
      measure();
    }
  }

  /** A group of {@code size} (ME and m1.. m{size-1}) with {@code history} messages, in bulk. */
  private ChatId groupOf(int size, long history) {
    ChatId id = store.ids().newChatId();
    Chat group = Chat.startGroup(id, io.chat.domain.group.GroupProfile.named("g"), false, T0);
    group = group.withGroup(group.requireGroup().withMemberCount(size));
    NewMessage first =
        NewMessage.system(
            store.ids().newMessageId(),
            io.chat.domain.group.SystemEvent.created(ME, "g", List.of()),
            T0);
    Chat created = done(store.chats().recordMessage(group, first, Optional.empty()));
    done(store.messages().insert(first.at(id, created.lastSeq())));
    List<io.chat.domain.group.Membership> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(
          io.chat.domain.group.Membership.joined(
              id,
              i == 0 ? ME : UserId.of("m" + i),
              i == 0 ? io.chat.domain.group.GroupRole.OWNER : io.chat.domain.group.GroupRole.MEMBER,
              1,
              T0));
      if (members.size() == 1_000 || i == size - 1) {
        done(store.memberships().saveAll(members));
        members = new ArrayList<>();
      }
    }
    List<Document> batch = new ArrayList<>();
    for (long seq = 2; seq <= history + 1; seq++) {
      batch.add(
          Codec.messageDocument(
              newMessage(UserId.of("m" + (seq % Math.max(1, size - 1) + 1)), seq).at(id, seq)));
      if (batch.size() == 1_000 || seq == history + 1) {
        done(Stages.done(messages.insertMany(batch)));
        batch = new ArrayList<>();
      }
    }
    if (history > 0) {
      done(
          Stages.done(
              chats.updateOne(
                  MongoChatRepository.byId(id),
                  new Document("$set", new Document(Codec.LAST_SEQ, history + 1)))));
    }
    return id;
  }

  private void sends() throws InterruptedException {
    sends(Duration.ofSeconds(quick ? 1 : 3), false);
    sends(Duration.ofSeconds(quick ? 3 : 10), true);
  }

  private void sends(Duration length, boolean report) throws InterruptedException {
    int inFlight = 16;
    AtomicLong count = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    long deadline = System.nanoTime() + length.toNanos();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      UserId partner = UserId.of("sender" + i);
      loops.add(sendLoop(partner, deadline, count, sequence));
    }
    long started = System.nanoTime();
    long cpuBefore = processCpuNanos();
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuMillisPerSend = (processCpuNanos() - cpuBefore) / 1e6 / count.get();
    if (!report) {
      return;
    }
    System.out.printf(
        "%nsustained sends (chat upsert + message insert), %d in flight over %d chats: %.0f/s,"
            + " %.2f ms of CPU each (driver and store together)%n",
        inFlight, inFlight, count.get() / seconds, cpuMillisPerSend);
  }

  private CompletableFuture<Void> sendLoop(
      UserId partner, long deadline, AtomicLong count, AtomicLong sequence) {
    if (System.nanoTime() >= deadline) {
      return CompletableFuture.completedFuture(null);
    }
    NewMessage message = newMessage(partner, sequence.incrementAndGet());
    return store
        .chats()
        .recordMessage(startChat(ME, partner), message, Optional.empty())
        .thenCompose(chat -> store.messages().insert(message.at(chat.id(), chat.lastSeq())))
        .toCompletableFuture()
        .thenCompose(
            stored -> {
              count.incrementAndGet();
              return sendLoop(partner, deadline, count, sequence);
            });
  }

  /** CPU time of this process (the driver and the embedded store), all threads. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A queued measurement: what it measures, and one run of it (checked). */
  private record Case(String what, Runnable once) {}

  private final List<Case> pending = new ArrayList<>();

  /**
   * Queues a measurement after warming it up. {@link #measure()} then times the queued cases in
   * rounds, one run of each per round, so that a busy moment of the machine falls on all of them
   * alike rather than on whichever case ran then.
   */
  private <T> void report(String what, Supplier<CompletionStage<T>> operation, Predicate<T> check) {
    Runnable once = () -> require(check, done(operation.get()), what);
    int warmup = quick ? 50 : 300;
    for (int i = 0; i < warmup; i++) {
      once.run();
    }
    pending.add(new Case(what, once));
  }

  private void measure() {
    int runs = quick ? 100 : 500;
    long[][] nanos = new long[pending.size()][runs];
    for (int run = 0; run < runs; run++) {
      for (int c = 0; c < pending.size(); c++) {
        long start = System.nanoTime();
        pending.get(c).once().run();
        nanos[c][run] = System.nanoTime() - start;
      }
    }
    for (int c = 0; c < pending.size(); c++) {
      long[] sorted = nanos[c];
      Arrays.sort(sorted);
      System.out.printf(
          "%-58s median %6.2f ms   p95 %6.2f ms%n",
          pending.get(c).what(), sorted[runs / 2] / 1e6, sorted[runs * 95 / 100] / 1e6);
    }
    pending.clear();
  }

  private static <T> void require(Predicate<T> check, T result, String what) {
    if (!check.test(result)) {
      throw new IllegalStateException(what + ": unexpected result " + result);
    }
  }
}
