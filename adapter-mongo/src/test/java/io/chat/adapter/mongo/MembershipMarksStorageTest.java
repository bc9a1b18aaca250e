package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.MembershipRepository;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group member's delivered and archive marks as the memberships collection keeps them: the
 * delivered mark moves up only, the archive mark is set alone, both read as 0 on a membership
 * stored before them, and a member who received a seq counts among those reading from it.
 */
class MembershipMarksStorageTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");

  private static EmbeddedMongo server;
  private static MongoClient client;

  private MongoDatabase database;
  private MembershipRepository memberships;
  private ChatId group;

  @BeforeAll
  static void start() {
    server = EmbeddedMongo.inMemory();
    client = MongoClients.create(server.connectionString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = client.getDatabase("m" + UUID.randomUUID().toString().replace("-", ""));
    MongoStore store = done(MongoStore.of(database).createIndexes());
    memberships = store.memberships();
    group = store.ids().newChatId();
  }

  private Membership joined(UserId user) {
    return Membership.joined(group, user, GroupRole.MEMBER, 1, T0);
  }

  @Test
  void theDeliveredMarkMovesUpOnlyAndAnswersTheMembershipBefore() {
    done(memberships.saveAll(List.of(joined(ALICE))));

    Optional<Membership> first = done(memberships.advanceDelivered(group, ALICE, 5));
    Optional<Membership> back = done(memberships.advanceDelivered(group, ALICE, 3));

    assertThat(first.map(Membership::deliveredSeq)).contains(0L);
    assertThat(back.map(Membership::deliveredSeq)).contains(5L);
    Membership stored = done(memberships.find(group, ALICE)).orElseThrow();
    assertThat(stored.deliveredSeq()).isEqualTo(5);
    assertThat(stored.readSeq()).isZero();
    assertThat(done(memberships.advanceDelivered(group, BOB, 5))).isEmpty();
  }

  @Test
  void theArchiveMarkIsSetAloneAndKeepsTheMarksThatMoved() {
    done(memberships.saveAll(List.of(joined(ALICE))));
    done(memberships.advanceRead(group, ALICE, 4));
    done(memberships.advanceDelivered(group, ALICE, 6));

    assertThat(done(memberships.setArchived(group, ALICE, 6))).isTrue();
    assertThat(done(memberships.setArchived(group, BOB, 6))).isFalse();

    Membership stored = done(memberships.find(group, ALICE)).orElseThrow();
    assertThat(stored.archivedSeq()).isEqualTo(6);
    assertThat(stored.readSeq()).isEqualTo(4);
    assertThat(stored.deliveredSeq()).isEqualTo(6);
    assertThat(done(memberships.setArchived(group, ALICE, 0))).isTrue();
    assertThat(done(memberships.find(group, ALICE)).orElseThrow().archivedSeq()).isZero();
  }

  @Test
  void aMemberWhoReceivedASeqIsAmongThoseReadingFromIt() {
    done(memberships.saveAll(List.of(joined(ALICE), joined(BOB), joined(CAROL))));
    done(memberships.advanceRead(group, ALICE, 7));
    done(memberships.advanceDelivered(group, BOB, 7));
    done(memberships.advanceDelivered(group, CAROL, 6));

    assertThat(done(memberships.readingFrom(group, 7, UserId.of("dave"))))
        .extracting(Membership::user)
        .containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(done(memberships.readingFrom(group, 6, ALICE)))
        .extracting(Membership::user)
        .containsExactlyInAnyOrder(BOB, CAROL);
  }

  @Test
  void aMembershipStoredBeforeTheMarksReadsThemAsZero() {
    Document old =
        new Document("_id", group.value() + ":alice")
            .append("chatId", group.value())
            .append("userId", "alice")
            .append("role", "member")
            .append("joinedSeq", 1L)
            .append("leftSeq", 0L)
            .append("readSeq", 3L)
            .append("clearedSeq", 0L)
            .append("joinedAt", Date.from(T0))
            .append("hidden", false);
    done(Stages.done(database.getCollection(MongoStore.MEMBERSHIPS).insertOne(old)));

    Membership stored = done(memberships.find(group, ALICE)).orElseThrow();

    assertThat(stored)
        .isEqualTo(new Membership(group, ALICE, GroupRole.MEMBER, 1, 0, 3, 0, T0, false, 0, 0));
    assertThat(stored.delivered()).isEqualTo(3);
  }
}
