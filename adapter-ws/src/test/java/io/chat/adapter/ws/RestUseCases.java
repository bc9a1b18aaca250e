package io.chat.adapter.ws;

import io.chat.adapter.http.ChatUseCases;
import io.chat.application.service.ChatServices;

/** The REST adapter's use cases, from the same services as the realtime adapter's. */
final class RestUseCases {
  private RestUseCases() {}

  static ChatUseCases of(ChatServices s) {
    return new ChatUseCases(
        s.authenticate(),
        s.listChats(),
        s.openChat(),
        s.readHistory(),
        s.sendMessage(),
        s.markAllSeen(),
        s.markSeen(),
        s.clearHistory(),
        s.toggleMute(),
        s.muteStatus(),
        s.blockUser(),
        s.unblockUser(),
        s.listBlocked(),
        s.registerPushToken(),
        s.removePushToken(),
        s.listSupportChats(),
        s.readSupportChat(),
        s.openSupportChat(),
        s.replyToSupportChat(),
        s.updateSupportChat(),
        s.markSupportChatRead(),
        s.registerUser(),
        s.readiness());
  }
}
