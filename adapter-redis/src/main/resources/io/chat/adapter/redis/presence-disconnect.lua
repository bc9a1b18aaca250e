-- Counts one device less of a user.
-- KEYS and ARGV[1..5] as in presence-connect.lua; ARGV[6]: '1' when this node counts a device of
-- the user (the server's case: a socket leaves through its own node), '0' when it counts none.
-- Answers 1 when the user is to be told offline (no device left on a live node), 0 when not, and -1
-- when nothing was counted (as in presence-connect.lua).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[4] ~= '*' and redis.call('HGET', KEYS[4], 'epoch') ~= ARGV[4] then
  return -1
end
local lease = redis.call('ZSCORE', KEYS[2], ARGV[1])
if (lease and tonumber(lease) > now) or (not lease and ARGV[4] == '*') then
  redis.call('ZADD', KEYS[2], 'GT', now + tonumber(ARGV[3]), ARGV[1])
end

local function alive(node)
  if node == ARGV[1] then
    return true
  end
  local expiry = redis.call('ZSCORE', KEYS[2], node)
  return expiry ~= false and tonumber(expiry) > now
end

local function anyLive()
  local counts = redis.call('HGETALL', KEYS[1])
  for i = 1, #counts, 2 do
    if counts[i] ~= '~told' and tonumber(counts[i + 1]) > 0 and alive(counts[i]) then
      return true
    end
  end
  return false
end

local node = ARGV[1]
if not redis.call('HGET', KEYS[1], node) then
  if ARGV[6] == '1' then
    -- This node's count was cleaned (a sweep judged it dead): nothing to take, but the user may
    -- have no live device left.
    node = nil
  else
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
end
if node and redis.call('HINCRBY', KEYS[1], node, -1) <= 0 then
  redis.call('HDEL', KEYS[1], node)
  if node == ARGV[1] then
    redis.call('SREM', KEYS[3], ARGV[2])
  end
end
if ARGV[5] == '0' or anyLive() then
  return 0
end
return redis.call('HDEL', KEYS[1], '~told')
