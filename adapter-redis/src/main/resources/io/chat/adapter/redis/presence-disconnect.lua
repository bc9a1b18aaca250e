-- Counts one device less of a user.
-- KEYS and ARGV as in presence-connect.lua.
-- Answers 1 when the user is to be told offline (no device left on a live node), else 0.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], 'GT', now + tonumber(ARGV[3]), ARGV[1])

local function alive(node)
  if node == ARGV[1] then
    return true
  end
  local lease = redis.call('ZSCORE', KEYS[2], node)
  return lease ~= false and tonumber(lease) > now
end

local node = ARGV[1]
if not redis.call('HGET', KEYS[1], node) then
  -- The port names no node: a device counted on another live node is taken from there rather
  -- than refused, so that a user's count is one whichever node says a device left.
  node = nil
  local counts = redis.call('HGETALL', KEYS[1])
  for i = 1, #counts, 2 do
    if counts[i] ~= '~told' and tonumber(counts[i + 1]) > 0 and alive(counts[i]) then
      node = counts[i]
      break
    end
  end
  if not node then
    return 0
  end
end
if redis.call('HINCRBY', KEYS[1], node, -1) <= 0 then
  redis.call('HDEL', KEYS[1], node)
  if node == ARGV[1] then
    redis.call('SREM', KEYS[3], ARGV[2])
  end
end

local counts = redis.call('HGETALL', KEYS[1])
for i = 1, #counts, 2 do
  if counts[i] ~= '~told' and tonumber(counts[i + 1]) > 0 and alive(counts[i]) then
    return 0
  end
end
return redis.call('HDEL', KEYS[1], '~told')
