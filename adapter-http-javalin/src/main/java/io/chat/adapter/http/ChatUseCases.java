package io.chat.adapter.http;

import io.chat.application.port.in.AuthenticateUseCase;
import io.chat.application.port.in.BlockUserUseCase;
import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.ClearHistoryUseCase;
import io.chat.application.port.in.ClientRulesQuery;
import io.chat.application.port.in.IceServersQuery;
import io.chat.application.port.in.ListBlockedQuery;
import io.chat.application.port.in.ListChatsQuery;
import io.chat.application.port.in.ListSupportChatsQuery;
import io.chat.application.port.in.ManageGroupUseCase;
import io.chat.application.port.in.MarkAllSeenUseCase;
import io.chat.application.port.in.MarkSeenUseCase;
import io.chat.application.port.in.MarkSupportChatReadUseCase;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.MuteStatusQuery;
import io.chat.application.port.in.OpenChatUseCase;
import io.chat.application.port.in.OpenSupportChatUseCase;
import io.chat.application.port.in.ReadHistoryQuery;
import io.chat.application.port.in.ReadSupportChatQuery;
import io.chat.application.port.in.ReadinessQuery;
import io.chat.application.port.in.RegisterPushTokenUseCase;
import io.chat.application.port.in.RegisterUserUseCase;
import io.chat.application.port.in.RemovePushTokenUseCase;
import io.chat.application.port.in.ReplyToSupportChatUseCase;
import io.chat.application.port.in.SearchMessagesUseCase;
import io.chat.application.port.in.SendMessageUseCase;
import io.chat.application.port.in.ToggleMuteUseCase;
import io.chat.application.port.in.UnblockUserUseCase;
import io.chat.application.port.in.UpdateSupportChatUseCase;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbound ports the REST API calls: one per route family, all required but the ICE servers of
 * calls (without them, the route answers no server).
 */
public record ChatUseCases(
    AuthenticateUseCase authenticate,
    ListChatsQuery listChats,
    OpenChatUseCase openChat,
    ReadHistoryQuery readHistory,
    SendMessageUseCase sendMessage,
    MarkAllSeenUseCase markAllSeen,
    MarkSeenUseCase markSeen,
    ClearHistoryUseCase clearHistory,
    ToggleMuteUseCase toggleMute,
    MuteStatusQuery muteStatus,
    BlockUserUseCase blockUser,
    UnblockUserUseCase unblockUser,
    ListBlockedQuery listBlocked,
    RegisterPushTokenUseCase registerPushToken,
    RemovePushTokenUseCase removePushToken,
    ListSupportChatsQuery listSupportChats,
    ReadSupportChatQuery readSupportChat,
    OpenSupportChatUseCase openSupportChat,
    ReplyToSupportChatUseCase replyToSupportChat,
    UpdateSupportChatUseCase updateSupportChat,
    MarkSupportChatReadUseCase markSupportChatRead,
    RegisterUserUseCase registerUser,
    ReadinessQuery readiness,
    ChatByIdUseCase chats,
    ManageGroupUseCase groups,
    MessageLifecycleUseCase lifecycle,
    SearchMessagesUseCase search,
    ClientRulesQuery clientRules,
    Optional<IceServersQuery> iceServers) {

  public ChatUseCases {
    Objects.requireNonNull(authenticate, "authenticate");
    Objects.requireNonNull(listChats, "listChats");
    Objects.requireNonNull(openChat, "openChat");
    Objects.requireNonNull(readHistory, "readHistory");
    Objects.requireNonNull(sendMessage, "sendMessage");
    Objects.requireNonNull(markAllSeen, "markAllSeen");
    Objects.requireNonNull(markSeen, "markSeen");
    Objects.requireNonNull(clearHistory, "clearHistory");
    Objects.requireNonNull(toggleMute, "toggleMute");
    Objects.requireNonNull(muteStatus, "muteStatus");
    Objects.requireNonNull(blockUser, "blockUser");
    Objects.requireNonNull(unblockUser, "unblockUser");
    Objects.requireNonNull(listBlocked, "listBlocked");
    Objects.requireNonNull(registerPushToken, "registerPushToken");
    Objects.requireNonNull(removePushToken, "removePushToken");
    Objects.requireNonNull(listSupportChats, "listSupportChats");
    Objects.requireNonNull(readSupportChat, "readSupportChat");
    Objects.requireNonNull(openSupportChat, "openSupportChat");
    Objects.requireNonNull(replyToSupportChat, "replyToSupportChat");
    Objects.requireNonNull(updateSupportChat, "updateSupportChat");
    Objects.requireNonNull(markSupportChatRead, "markSupportChatRead");
    Objects.requireNonNull(registerUser, "registerUser");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(clientRules, "clientRules");
    Objects.requireNonNull(iceServers, "iceServers");
  }

  /** Without calls. */
  public ChatUseCases(
      AuthenticateUseCase authenticate,
      ListChatsQuery listChats,
      OpenChatUseCase openChat,
      ReadHistoryQuery readHistory,
      SendMessageUseCase sendMessage,
      MarkAllSeenUseCase markAllSeen,
      MarkSeenUseCase markSeen,
      ClearHistoryUseCase clearHistory,
      ToggleMuteUseCase toggleMute,
      MuteStatusQuery muteStatus,
      BlockUserUseCase blockUser,
      UnblockUserUseCase unblockUser,
      ListBlockedQuery listBlocked,
      RegisterPushTokenUseCase registerPushToken,
      RemovePushTokenUseCase removePushToken,
      ListSupportChatsQuery listSupportChats,
      ReadSupportChatQuery readSupportChat,
      OpenSupportChatUseCase openSupportChat,
      ReplyToSupportChatUseCase replyToSupportChat,
      UpdateSupportChatUseCase updateSupportChat,
      MarkSupportChatReadUseCase markSupportChatRead,
      RegisterUserUseCase registerUser,
      ReadinessQuery readiness,
      ChatByIdUseCase chats,
      ManageGroupUseCase groups,
      MessageLifecycleUseCase lifecycle,
      SearchMessagesUseCase search,
      ClientRulesQuery clientRules) {
    this(
        authenticate,
        listChats,
        openChat,
        readHistory,
        sendMessage,
        markAllSeen,
        markSeen,
        clearHistory,
        toggleMute,
        muteStatus,
        blockUser,
        unblockUser,
        listBlocked,
        registerPushToken,
        removePushToken,
        listSupportChats,
        readSupportChat,
        openSupportChat,
        replyToSupportChat,
        updateSupportChat,
        markSupportChatRead,
        registerUser,
        readiness,
        chats,
        groups,
        lifecycle,
        search,
        clientRules,
        Optional.empty());
  }

  /** These use cases with the ICE servers of calls. */
  public ChatUseCases withIceServers(IceServersQuery query) {
    return new ChatUseCases(
        authenticate,
        listChats,
        openChat,
        readHistory,
        sendMessage,
        markAllSeen,
        markSeen,
        clearHistory,
        toggleMute,
        muteStatus,
        blockUser,
        unblockUser,
        listBlocked,
        registerPushToken,
        removePushToken,
        listSupportChats,
        readSupportChat,
        openSupportChat,
        replyToSupportChat,
        updateSupportChat,
        markSupportChatRead,
        registerUser,
        readiness,
        chats,
        groups,
        lifecycle,
        search,
        clientRules,
        Optional.of(query));
  }
}
