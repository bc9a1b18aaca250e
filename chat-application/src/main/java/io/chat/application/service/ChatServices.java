package io.chat.application.service;

import io.chat.application.port.in.AuthenticateUseCase;
import io.chat.application.port.in.BlockUserUseCase;
import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.ClearHistoryUseCase;
import io.chat.application.port.in.ClientRulesQuery;
import io.chat.application.port.in.GoOfflineUseCase;
import io.chat.application.port.in.GoOnlineUseCase;
import io.chat.application.port.in.ListBlockedQuery;
import io.chat.application.port.in.ListChatsQuery;
import io.chat.application.port.in.ListSupportChatsQuery;
import io.chat.application.port.in.ManageGroupUseCase;
import io.chat.application.port.in.MarkAllSeenUseCase;
import io.chat.application.port.in.MarkSeenUseCase;
import io.chat.application.port.in.MarkSupportChatReadUseCase;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.MuteStatusQuery;
import io.chat.application.port.in.OnlinePartnersQuery;
import io.chat.application.port.in.OpenChatUseCase;
import io.chat.application.port.in.OpenSupportChatUseCase;
import io.chat.application.port.in.ReadHistoryQuery;
import io.chat.application.port.in.ReadSupportChatQuery;
import io.chat.application.port.in.ReadinessQuery;
import io.chat.application.port.in.RegisterPushTokenUseCase;
import io.chat.application.port.in.RegisterUserUseCase;
import io.chat.application.port.in.RelayTypingUseCase;
import io.chat.application.port.in.RemovePushTokenUseCase;
import io.chat.application.port.in.ReplyToSupportChatUseCase;
import io.chat.application.port.in.SearchMessagesUseCase;
import io.chat.application.port.in.SendMessageUseCase;
import io.chat.application.port.in.ToggleMuteUseCase;
import io.chat.application.port.in.UnblockUserUseCase;
import io.chat.application.port.in.UpdateSupportChatUseCase;
import io.chat.application.service.call.CallLog;
import io.chat.application.service.call.CallPorts;
import io.chat.application.service.call.CallServices;
import io.chat.application.service.call.CallSettings;
import io.chat.application.service.call.CallSignalingService;
import io.chat.application.service.call.IceServersService;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.conversation.ListChatsService;
import io.chat.application.service.conversation.OpenChatService;
import io.chat.application.service.conversation.ReadHistoryService;
import io.chat.application.service.conversation.RelayTypingService;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.group.ChatsService;
import io.chat.application.service.group.GroupAudience;
import io.chat.application.service.group.GroupService;
import io.chat.application.service.group.GroupTimeline;
import io.chat.application.service.group.Receipts;
import io.chat.application.service.health.ReadinessService;
import io.chat.application.service.marks.ClearHistoryService;
import io.chat.application.service.marks.MarkAllSeenService;
import io.chat.application.service.marks.MarkSeenService;
import io.chat.application.service.marks.Marks;
import io.chat.application.service.message.MessageLifecycleService;
import io.chat.application.service.message.MessageSender;
import io.chat.application.service.message.SendMessageService;
import io.chat.application.service.presence.GoOfflineService;
import io.chat.application.service.presence.GoOnlineService;
import io.chat.application.service.presence.OnlinePartnersService;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.push.MuteStatusService;
import io.chat.application.service.push.Pushes;
import io.chat.application.service.push.RegisterPushTokenService;
import io.chat.application.service.push.RemovePushTokenService;
import io.chat.application.service.push.ToggleMuteService;
import io.chat.application.service.relation.BlockUserService;
import io.chat.application.service.relation.Blocks;
import io.chat.application.service.relation.ListBlockedService;
import io.chat.application.service.relation.UnblockUserService;
import io.chat.application.service.rules.ClientRulesService;
import io.chat.application.service.search.SearchService;
import io.chat.application.service.support.ListSupportChatsService;
import io.chat.application.service.support.MarkSupportChatReadService;
import io.chat.application.service.support.OpenSupportChatService;
import io.chat.application.service.support.ReadSupportChatService;
import io.chat.application.service.support.ReplyToSupportChatService;
import io.chat.application.service.support.UpdateSupportChatService;
import io.chat.application.service.user.AuthenticateService;
import io.chat.application.service.user.Directory;
import io.chat.application.service.user.RegisterUserService;

/**
 * The chat core wired by hand: every use case built once from the outbound ports. For hosts without
 * a container (and the standalone server); a host with one can bind the services, which each have
 * one {@code @Inject} constructor, instead (and its {@link ChatSettings} as their {@code
 * ServiceSettings}).
 */
public final class ChatServices {
  private final ListChatsQuery listChats;
  private final OpenChatUseCase openChat;
  private final ReadHistoryQuery readHistory;
  private final SendMessageUseCase sendMessage;
  private final MarkSeenUseCase markSeen;
  private final MarkAllSeenUseCase markAllSeen;
  private final ClearHistoryUseCase clearHistory;
  private final ToggleMuteUseCase toggleMute;
  private final MuteStatusQuery muteStatus;
  private final BlockUserUseCase blockUser;
  private final UnblockUserUseCase unblockUser;
  private final ListBlockedQuery listBlocked;
  private final RegisterPushTokenUseCase registerPushToken;
  private final RemovePushTokenUseCase removePushToken;
  private final AuthenticateUseCase authenticate;
  private final RegisterUserUseCase registerUser;
  private final ListSupportChatsQuery listSupportChats;
  private final ReadSupportChatQuery readSupportChat;
  private final OpenSupportChatUseCase openSupportChat;
  private final ReplyToSupportChatUseCase replyToSupportChat;
  private final UpdateSupportChatUseCase updateSupportChat;
  private final MarkSupportChatReadUseCase markSupportChatRead;
  private final RelayTypingUseCase relayTyping;
  private final GoOnlineUseCase goOnline;
  private final GoOfflineUseCase goOffline;
  private final OnlinePartnersQuery onlinePartners;
  private final ReadinessQuery readiness;
  private final ManageGroupUseCase groups;
  private final ChatByIdUseCase chats;
  private final MessageLifecycleUseCase lifecycle;
  private final SearchMessagesUseCase search;
  private final ClientRulesQuery clientRules;
  private final Calls calls;

  /** What calls share with the rest of the core (built once here, used by {@link #calls}). */
  private record Calls(
      ChatPorts ports,
      ChatSettings settings,
      Conversations conversations,
      Partners partners,
      Broadcasts broadcasts,
      Pushes pushes,
      MessageSender sender,
      Marks marks) {}

  private ChatServices(ChatPorts p, ChatSettings s) {
    Directory directory = new Directory(p.users(), s, p.clock());
    Blocks blocks = new Blocks(p.blocks(), s, p.clock());
    ChatViews views =
        new ChatViews(
            p.messages(), p.reactions(), p.memberships(), p.mutes(), directory, s, p.clock());
    Conversations conversations = new Conversations(p.chats(), blocks, directory, s);
    Broadcasts broadcasts = new Broadcasts(p.events(), s);
    Pushes pushes =
        new Pushes(p.presence(), p.pushTokens(), p.mutes(), directory, p.push(), s, p.clock());
    Partners partners = new Partners(p.chats(), p.memberships(), p.blocks(), p.presence(), s);
    MessageSender sender =
        new MessageSender(
            p.chats(),
            p.messages(),
            p.ids(),
            broadcasts,
            pushes,
            partners,
            p.turns(),
            s,
            p.clock());
    Marks marks = new Marks(p.chats(), p.messages(), broadcasts);

    listChats = new ListChatsService(p.chats(), p.blocks(), views);
    openChat =
        new OpenChatService(
            conversations,
            p.chats(),
            views,
            p.presence(),
            partners,
            broadcasts,
            p.ids(),
            s,
            p.clock());
    readHistory = new ReadHistoryService(conversations, views);
    sendMessage = new SendMessageService(conversations, p.sendRateLimit(), sender, s);
    markSeen = new MarkSeenService(conversations, p.messages(), marks);
    markAllSeen = new MarkAllSeenService(conversations, marks);
    clearHistory = new ClearHistoryService(conversations, marks);
    toggleMute = new ToggleMuteService(conversations, p.mutes(), p.clock());
    muteStatus = new MuteStatusService(conversations, p.mutes(), p.clock());
    blockUser =
        new BlockUserService(directory, blocks, p.presence(), partners, broadcasts, s, p.clock());
    unblockUser = new UnblockUserService(blocks, p.presence(), partners, broadcasts);
    listBlocked = new ListBlockedService(p.blocks(), directory);
    registerPushToken = new RegisterPushTokenService(p.pushTokens());
    removePushToken = new RemovePushTokenService(p.pushTokens());
    authenticate = new AuthenticateService(p.accessTokens(), p.users(), s);
    registerUser = new RegisterUserService(p.users(), s);
    listSupportChats = new ListSupportChatsService(p.chats(), views, s);
    readSupportChat = new ReadSupportChatService(conversations, views, s);
    openSupportChat =
        new OpenSupportChatService(
            directory, p.chats(), sender, views, broadcasts, p.ids(), s, p.clock());
    replyToSupportChat = new ReplyToSupportChatService(conversations, sender, s);
    updateSupportChat =
        new UpdateSupportChatService(conversations, p.chats(), views, broadcasts, s);
    markSupportChatRead = new MarkSupportChatReadService(conversations, marks, s);
    relayTyping = new RelayTypingService(conversations, broadcasts, s, p.clock());
    goOnline = new GoOnlineService(p.presence(), partners, broadcasts);
    goOffline = new GoOfflineService(p.presence(), partners, broadcasts);
    onlinePartners = new OnlinePartnersService(partners);
    readiness = new ReadinessService(p.storeHealth());
    GroupAudience audience = new GroupAudience(p.memberships(), s, p.clock());
    GroupTimeline timeline =
        new GroupTimeline(p.chats(), p.messages(), broadcasts, audience, p.turns());
    GroupService groupService =
        new GroupService(
            p.chats(),
            p.memberships(),
            timeline,
            views,
            directory,
            blocks,
            broadcasts,
            partners,
            p.ids(),
            s,
            p.clock());
    groups = groupService;
    chats =
        new ChatsService(
            p.chats(),
            p.memberships(),
            p.messages(),
            p.blocks(),
            p.mutes(),
            p.presence(),
            p.sendRateLimit(),
            timeline,
            audience,
            views,
            broadcasts,
            pushes,
            p.ids(),
            new ChatsService.Pairs(
                openChat,
                readHistory,
                sendMessage,
                markAllSeen,
                clearHistory,
                toggleMute,
                relayTyping),
            groupService,
            new Receipts(p.chats(), p.memberships(), audience, broadcasts, s),
            s,
            p.clock());
    lifecycle =
        new MessageLifecycleService(
            p.chats(),
            p.messages(),
            p.memberships(),
            p.reactions(),
            p.blocks(),
            sender,
            timeline,
            views,
            broadcasts,
            chats,
            s,
            p.clock());
    search =
        new SearchService(p.chats(), p.memberships(), p.messages(), p.blocks(), blocks, views, s);
    clientRules = new ClientRulesService(s);
    calls = new Calls(p, s, conversations, partners, broadcasts, pushes, sender, marks);
  }

  /** The use cases of calls over this core, with the ports that calls need besides. */
  public CallServices calls(CallPorts ports, CallSettings settings) {
    ChatPorts p = calls.ports();
    CallLog log =
        new CallLog(
            p.chats(),
            p.messages(),
            calls.sender(),
            p.ids(),
            calls.broadcasts(),
            calls.pushes(),
            calls.marks(),
            ports.timers());
    return new CallServices(
        new CallSignalingService(
            ports.registry(),
            ports.signals(),
            ports.timers(),
            ports.invites(),
            calls.conversations(),
            p.chats(),
            calls.partners(),
            calls.broadcasts(),
            calls.pushes(),
            log,
            p.ids(),
            calls.settings(),
            settings,
            p.clock()),
        new IceServersService(settings, ports.turnSecret(), p.clock()));
  }

  public static ChatServices create(ChatPorts ports, ChatSettings settings) {
    return new ChatServices(ports, settings);
  }

  public ListChatsQuery listChats() {
    return listChats;
  }

  public OpenChatUseCase openChat() {
    return openChat;
  }

  public ReadHistoryQuery readHistory() {
    return readHistory;
  }

  public SendMessageUseCase sendMessage() {
    return sendMessage;
  }

  public MarkSeenUseCase markSeen() {
    return markSeen;
  }

  public MarkAllSeenUseCase markAllSeen() {
    return markAllSeen;
  }

  public ClearHistoryUseCase clearHistory() {
    return clearHistory;
  }

  public ToggleMuteUseCase toggleMute() {
    return toggleMute;
  }

  public MuteStatusQuery muteStatus() {
    return muteStatus;
  }

  public BlockUserUseCase blockUser() {
    return blockUser;
  }

  public UnblockUserUseCase unblockUser() {
    return unblockUser;
  }

  public ListBlockedQuery listBlocked() {
    return listBlocked;
  }

  public RegisterPushTokenUseCase registerPushToken() {
    return registerPushToken;
  }

  public RemovePushTokenUseCase removePushToken() {
    return removePushToken;
  }

  public AuthenticateUseCase authenticate() {
    return authenticate;
  }

  public RegisterUserUseCase registerUser() {
    return registerUser;
  }

  public ListSupportChatsQuery listSupportChats() {
    return listSupportChats;
  }

  public ReadSupportChatQuery readSupportChat() {
    return readSupportChat;
  }

  public OpenSupportChatUseCase openSupportChat() {
    return openSupportChat;
  }

  public ReplyToSupportChatUseCase replyToSupportChat() {
    return replyToSupportChat;
  }

  public UpdateSupportChatUseCase updateSupportChat() {
    return updateSupportChat;
  }

  public MarkSupportChatReadUseCase markSupportChatRead() {
    return markSupportChatRead;
  }

  public RelayTypingUseCase relayTyping() {
    return relayTyping;
  }

  public GoOnlineUseCase goOnline() {
    return goOnline;
  }

  public GoOfflineUseCase goOffline() {
    return goOffline;
  }

  public OnlinePartnersQuery onlinePartners() {
    return onlinePartners;
  }

  public ReadinessQuery readiness() {
    return readiness;
  }

  public ManageGroupUseCase groups() {
    return groups;
  }

  public ChatByIdUseCase chats() {
    return chats;
  }

  public MessageLifecycleUseCase lifecycle() {
    return lifecycle;
  }

  public SearchMessagesUseCase search() {
    return search;
  }

  public ClientRulesQuery clientRules() {
    return clientRules;
  }
}
