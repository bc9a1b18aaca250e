-- Ends registering again after Redis lost data: forgets what Redis still holds of this node that the
-- node no longer counts (Redis came back from a snapshot older than the node's last calls): this
-- node's count of each such user, and their mark "told online" when no device of anyone's is left
-- behind it (a mark with no device is stale: the user left after the snapshot, and was told so;
-- a node that still counts them sets it again as it registers).
-- KEYS[1]: the users with devices on this node, a set; KEYS[2]: the users written again (a set,
-- deleted here). ARGV[1]: the key prefix of presence; ARGV[2]: this node.
-- Answers how many users were forgotten.
local stale = redis.call('SDIFF', KEYS[1], KEYS[2])
for _, user in ipairs(stale) do
  local key = ARGV[1] .. 'user:' .. user
  redis.call('HDEL', key, ARGV[2])
  redis.call('SREM', KEYS[1], user)
  if redis.call('HLEN', key) == 1 and redis.call('HEXISTS', key, '~told') == 1 then
    redis.call('DEL', key)
  end
end
redis.call('DEL', KEYS[2])
return #stale
