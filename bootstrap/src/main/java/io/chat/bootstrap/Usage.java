package io.chat.bootstrap;

/** The text of {@code --help}: every setting, its environment variable and its default. */
final class Usage {
  private Usage() {}

  static final String TEXT =
      """
      chat-server: 1:1 chat over REST, Socket.IO and WebSocket.

      usage: java -jar chat-server.jar [--setting value ...]
             java -jar chat-server.jar --version | --help
             java -jar chat-server.jar token <userId> [--admin] [--name "Full Name"] [--data-dir DIR]
             java -jar chat-server.jar check [--setting value ...]   (start, ask /health, stop)

      Every setting is a flag or an environment variable (flags win):
        --host                     CHAT_HOST                     0.0.0.0 (development: 127.0.0.1)
        --port                     CHAT_PORT                     8080 (0: any free port)
        --mongo-uri                CHAT_MONGO_URI                none: the embedded store in the data directory
        --mongo-database           CHAT_MONGO_DATABASE           chat
        --redis-uri                CHAT_REDIS_URI                none: a single node (with it, one of several; needs --mongo-uri)
        --data-dir                 CHAT_DATA_DIR                 ./data
        --jwt-secret               CHAT_JWT_SECRET               HS256 shared secret (32+ bytes)
        --jwt-jwks-url             CHAT_JWT_JWKS_URL             RS256/ES256 keys from a JWKS URL
        --jwt-jwks-file            CHAT_JWT_JWKS_FILE            RS256/ES256 keys from a JWKS file
        --jwt-algorithms           CHAT_JWT_ALGORITHMS           RS256,ES256 (with a JWKS)
        --jwt-issuer               CHAT_JWT_ISSUER               checked when set
        --jwt-audience             CHAT_JWT_AUDIENCE             comma list, checked when set
        --cors-origins             CHAT_CORS_ORIGINS             comma list (development: localhost)
        --system-user-id           CHAT_SYSTEM_USER_ID           000000000000000000000001
        --system-user-name         CHAT_SYSTEM_USER_NAME         Official Support
        --push-enabled             CHAT_PUSH_ENABLED             true (development: false)
        --push-url                 CHAT_PUSH_URL                 https://exp.host/--/api/v2/push/send
        --push-access-token        CHAT_PUSH_ACCESS_TOKEN        none
        --push-privacy             CHAT_PUSH_PRIVACY             false ("New message" instead of the text)
        --push-receipt-delay       CHAT_PUSH_RECEIPT_DELAY       PT15M (when Expo's receipts are asked for)
        --push-receipts            CHAT_PUSH_RECEIPTS            50000 (tickets remembered for receipts; 0: none)
        --max-text-length          CHAT_MAX_TEXT_LENGTH          4000
        --max-body-bytes           CHAT_MAX_BODY_BYTES           65536
        --max-socket-message-bytes CHAT_MAX_SOCKET_MESSAGE_BYTES 65536
        --send-burst               CHAT_SEND_BURST               20
        --send-per-second          CHAT_SEND_PER_SECOND          5
        --http-max-in-flight       CHAT_HTTP_MAX_IN_FLIGHT       1024 (API requests; past it 503 + Retry-After)
        --http-max-in-flight-per-user CHAT_HTTP_MAX_IN_FLIGHT_PER_USER 16 (one user's; past it 429)
        --read-burst, --read-per-second  CHAT_READ_BURST, CHAT_READ_PER_SECOND  100, 20 (API reads per user; 429)
        --group-max-members        CHAT_GROUP_MAX_MEMBERS        1000 (members of one group)
        --group-max-added          CHAT_GROUP_MAX_ADDED          100 (members one request adds; mentions per message)
        --group-presence-size      CHAT_GROUP_PRESENCE_SIZE      100 (groups up to this size share presence; 0: none)
        --edit-window              CHAT_EDIT_WINDOW              PT15M (how long a sender may edit a message)
        --delete-window            CHAT_DELETE_WINDOW            PT1H (how long a sender may delete one for everyone)
        --max-pins                 CHAT_MAX_PINS                 10 (pinned messages per chat, 0 to 100)
        --reactions                CHAT_REACTIONS                none: any single emoji (else a comma list of the allowed ones)
        --log-format               CHAT_LOG_FORMAT               text (or json)
        --call-ring-timeout        CHAT_CALL_RING_TIMEOUT        45 (seconds a call rings before it is missed)
        --call-disconnect-grace    CHAT_CALL_DISCONNECT_GRACE    10 (seconds a side of a call may be away)
        --call-invites-per-minute  CHAT_CALL_INVITES_PER_MINUTE  10 (calls a user may place a minute)
        --stun-urls                CHAT_STUN_URLS                none (comma list of stun: URLs for calls)
        --turn-urls                CHAT_TURN_URLS                none (comma list of turn:/turns: URLs; needs the secret)
        --turn-secret-file         CHAT_TURN_SECRET_FILE         none (file of coturn's static-auth-secret; or CHAT_TURN_SECRET)
        --turn-ttl                 CHAT_TURN_TTL                 3600 (seconds a TURN credential holds)

      With no JWT setting the server runs in development mode: it keeps its own secret in the data
      directory, seeds demo users, serves the browser client at / and mints tokens (token command,
      GET /dev/users), and listens on 127.0.0.1 only unless --host is given.
      """;
}
