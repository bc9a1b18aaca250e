package io.chat.adapter.mongo;

import io.chat.application.contract.BlockListContract;
import io.chat.application.contract.ChatRepositoryContract;
import io.chat.application.contract.MembershipRepositoryContract;
import io.chat.application.contract.MessageRepositoryContract;
import io.chat.application.contract.MuteSettingsContract;
import io.chat.application.contract.PushTokensContract;
import io.chat.application.contract.ReactionRepositoryContract;
import io.chat.application.contract.UserDirectoryContract;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.PushTokens;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.port.out.UserDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every port contract on the embedded store's H2 file, the standalone server's default: documents
 * and index keys go through the BSON layout ({@link H2Types}) and every write through a commit.
 */
class H2FileContractsTest {
  @TempDir static Path directory;
  private static ContractStores stores;

  @BeforeAll
  static void start() {
    stores = ContractStores.file(directory);
  }

  @AfterAll
  static void stop() {
    if (stores != null) {
      stores.close();
    }
  }

  @Nested
  class Chats extends ChatRepositoryContract {
    @Override
    protected ChatRepository newRepository() {
      return stores.fresh().chats();
    }

    @Override
    protected MembershipRepository membershipsOf(ChatRepository repository) {
      return ((MongoChatRepository) repository).memberships();
    }
  }

  @Nested
  class Memberships extends MembershipRepositoryContract {
    @Override
    protected MembershipRepository newRepository() {
      return stores.fresh().memberships();
    }
  }

  @Nested
  class Messages extends MessageRepositoryContract {
    @Override
    protected MessageRepository newRepository() {
      return stores.fresh().messages();
    }
  }

  @Nested
  class Reactions extends ReactionRepositoryContract {
    @Override
    protected ReactionRepository newRepository() {
      return stores.fresh().reactions();
    }
  }

  @Nested
  class Blocks extends BlockListContract {
    @Override
    protected BlockList newBlockList() {
      return stores.fresh().blocks();
    }
  }

  @Nested
  class Mutes extends MuteSettingsContract {
    @Override
    protected MuteSettings newMuteSettings() {
      return stores.fresh().mutes();
    }
  }

  @Nested
  class Tokens extends PushTokensContract {
    @Override
    protected PushTokens newPushTokens() {
      return stores.fresh().pushTokens();
    }
  }

  @Nested
  class Users extends UserDirectoryContract {
    @Override
    protected UserDirectory newDirectory() {
      return stores.fresh().users();
    }
  }
}
