-- Cleans up after one node whose lease lapsed (it crashed, or lost Redis for longer than a lease):
-- removes its devices from a batch of its users and answers those left with no device on a live
-- node, each to be told offline once (SPOP hands every user of the dead node to one sweeper only;
-- the '~told' mark is removed once), and those who had devices counted there, whose devices went
-- with the node whether or not they have others.
-- KEYS[1]: the nodes' leases; KEYS[2]: when presence last heard of any node (see heartbeat).
-- ARGV[1]: the key prefix of presence; ARGV[2]: the batch size; ARGV[3]: the sweeping node;
-- ARGV[4]: the lease, in ms; ARGV[5]: the longest silence, in ms, that is not a pause.
-- Answers {} when there is nothing to clean (or not yet), else {dead node, {users to be told
-- offline}, {users who had devices on it}}. The dead node leaves the leases when its last user is
-- cleaned.
-- The users' keys are derived here from the dead node's set (one Redis, not a cluster).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local seen = tonumber(redis.call('HGET', KEYS[2], 'seen') or '0')
redis.call('HSET', KEYS[2], 'seen', now)
if now - seen > tonumber(ARGV[5]) then
  redis.call('HSET', KEYS[2], 'grace', now + tonumber(ARGV[4]))
  return {}
end
if now < tonumber(redis.call('HGET', KEYS[2], 'grace') or '0') then
  return {}
end
-- A sweeper whose own lease lapsed was away itself: it judges nobody until it renewed.
local own = redis.call('ZSCORE', KEYS[1], ARGV[3])
if not own or tonumber(own) <= now then
  return {}
end
local node = nil
for _, lapsed in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)) do
  node = lapsed
end
if not node then
  return {}
end
local alive = {}
for _, live in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  alive[live] = true
end
local usersKey = ARGV[1] .. 'node:' .. node
local offline = {}
local lost = {}
for _, user in ipairs(redis.call('SPOP', usersKey, tonumber(ARGV[2]))) do
  local key = ARGV[1] .. 'user:' .. user
  if tonumber(redis.call('HGET', key, node) or '0') > 0 then
    lost[#lost + 1] = user
  end
  redis.call('HDEL', key, node)
  local counts = redis.call('HGETALL', key)
  local online = false
  for i = 1, #counts, 2 do
    if alive[counts[i]] and tonumber(counts[i + 1]) > 0 then
      online = true
      break
    end
  end
  if not online and redis.call('HDEL', key, '~told') == 1 then
    offline[#offline + 1] = user
  end
end
if redis.call('SCARD', usersKey) == 0 then
  redis.call('ZREM', KEYS[1], node)
end
return {node, offline, lost}
