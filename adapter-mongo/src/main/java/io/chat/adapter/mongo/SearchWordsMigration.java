package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.WORDS;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.domain.message.Message;
import io.chat.domain.message.SearchTerms;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Gives the messages stored before search (by releases that wrote no search words) their words, at
 * start-up, once: pages of messages in {@code _id} order, each without words given them, the last
 * {@code _id} of each page kept in the mark in {@code migrations}, then the mark set done. A start
 * stopped half-way (a crash, the start-up deadline on a large store) leaves the mark where it got,
 * and the next start goes on from there (giving words twice would change nothing).
 */
final class SearchWordsMigration {
  static final String MIGRATIONS = "migrations";
  static final String NAME = "search-words";
  private static final String AFTER = "after";
  private static final String DONE = "done";
  private static final int PAGE = 1_000;

  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> migrations;

  SearchWordsMigration(MongoDatabase database) {
    this.messages = database.getCollection(MongoStore.MESSAGES);
    this.migrations = database.getCollection(MIGRATIONS);
  }

  CompletionStage<Void> run() {
    return Stages.first(migrations.find(Filters.eq(ID, NAME)).limit(1))
        .thenCompose(
            mark -> {
              if (mark.map(m -> m.getBoolean(DONE, false)).orElse(false)) {
                return CompletableFuture.<Void>completedStage(null);
              }
              return pageAfter(mark.map(m -> m.getString(AFTER)).orElse(null))
                  .thenCompose(ignored -> marked(Updates.set(DONE, true)));
            });
  }

  private CompletionStage<Void> marked(Bson update) {
    return Stages.done(
        migrations.updateOne(Filters.eq(ID, NAME), update, new UpdateOptions().upsert(true)));
  }

  private CompletionStage<Void> pageAfter(String lastId) {
    Bson filter = lastId == null ? new Document() : Filters.gt(ID, lastId);
    return Stages.list(messages.find(filter).sort(Sorts.ascending(ID)).limit(PAGE))
        .thenCompose(
            page -> {
              CompletionStage<Void> written = CompletableFuture.completedStage(null);
              for (Document document : page) {
                if (document.containsKey(WORDS)) {
                  continue;
                }
                Message message = Codec.message(document);
                List<String> words =
                    message.isSystem() || message.isDeleted()
                        ? List.of()
                        : SearchTerms.words(message.text().value());
                if (!words.isEmpty()) {
                  written =
                      written.thenCompose(
                          ignored ->
                              Stages.done(
                                  messages.updateOne(
                                      Filters.eq(ID, document.get(ID)),
                                      Updates.set(WORDS, words))));
                }
              }
              if (page.size() < PAGE) {
                return written;
              }
              String last = page.get(page.size() - 1).getString(ID);
              return written
                  .thenCompose(ignored -> marked(Updates.set(AFTER, last)))
                  .thenCompose(ignored -> pageAfter(last));
            });
  }
}
