-- Registers again, in a batch, the devices this node counts in memory: run after its heartbeat
-- found its registrations may be gone (its lease lapsed and a sweep may have cleaned them, or Redis
-- lost its data), and for users whose last call failed. Counts are written as they are, not added
-- to, so that registering twice does no harm.
-- KEYS[1]: the nodes' leases; KEYS[2]: presence's own state (see presence-heartbeat.lua);
-- KEYS[3], when Redis lost data: the users written again so far (a set, for presence-forget.lua).
-- ARGV[1]: the key prefix of presence; ARGV[2]: this node; ARGV[3]: the epoch this node registers
-- in; ARGV[4]: '1' for the first batch (KEYS[3] starts empty), else '0'; then, per user, three:
-- the user, this node's count of their devices, and what to do with the mark "told online"
-- ('~told' in the user's hash):
--   'm': set it, telling nobody (Redis lost it: the user was told online and never offline),
--   'c': leave it (nobody knows yet whether the user was told online: see RedisPresence),
--   's': settle it: set it when the user has a device on a live node and remove it when not,
--        answering the users to be told online ('+user') or offline ('-user').
-- Answers the users to be told, or {'!'} when the data is not the epoch's (Redis lost it again):
-- nothing was written then.
-- The users' keys are derived here from the prefix (one Redis, not a cluster), as in the sweep.
if redis.call('HGET', KEYS[2], 'epoch') ~= ARGV[3] then
  return {'!'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local node = ARGV[2]
local usersKey = ARGV[1] .. 'node:' .. node
local alive = {[node] = true}
for _, live in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  alive[live] = true
end
if KEYS[3] and ARGV[4] == '1' then
  redis.call('DEL', KEYS[3])
end
local told = {}
for i = 5, #ARGV, 3 do
  local user = ARGV[i]
  local count = tonumber(ARGV[i + 1])
  local mark = ARGV[i + 2]
  local key = ARGV[1] .. 'user:' .. user
  if count > 0 then
    redis.call('HSET', key, node, count)
  else
    redis.call('HDEL', key, node)
  end
  if mark == 'm' then
    redis.call('HSETNX', key, '~told', '1')
  elseif mark == 's' then
    local online = false
    local counts = redis.call('HGETALL', key)
    for j = 1, #counts, 2 do
      if counts[j] ~= '~told' and alive[counts[j]] and tonumber(counts[j + 1]) > 0 then
        online = true
        break
      end
    end
    if online then
      if redis.call('HSETNX', key, '~told', '1') == 1 then
        told[#told + 1] = '+' .. user
      end
    elseif redis.call('HDEL', key, '~told') == 1 then
      told[#told + 1] = '-' .. user
    end
  end
  -- A user stays in this node's set while it counts a device of theirs, or holds their mark
  -- alone: should this node die, a sweep then tells them offline.
  if count > 0 or (mark == 'm' and redis.call('HLEN', key) == 1) then
    redis.call('SADD', usersKey, user)
  else
    redis.call('SREM', usersKey, user)
  end
  if KEYS[3] then
    redis.call('SADD', KEYS[3], user)
  end
end
if KEYS[3] then
  redis.call('PEXPIRE', KEYS[3], 60000)
end
return told
