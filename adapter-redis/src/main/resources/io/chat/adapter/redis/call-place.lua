-- Stores a new call, atomically for every node (CallRegistry.place).
-- KEYS[1]: the call (a hash of its fields); KEYS[2], KEYS[3]: the caller's and the callee's live
-- call (the call's id); KEYS[4]: the ended calls, a sorted set of ids scored by when they ended.
-- ARGV[1]: now, in ms, from the caller's clock; ARGV[2]: how long an ended call is kept, in ms;
-- ARGV[3]: the key prefix of calls; ARGV[4]: the call's id; ARGV[5]: '1' when the call is live;
-- ARGV[6...]: the call's fields, name and value in turn.
-- Answers PLACED, ID_TAKEN, CALLER_BUSY or CALLEE_BUSY.
local now = tonumber(ARGV[1])
-- Ended calls older than the keep (strictly) are forgotten first, as the in-process registry does.
local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. (now - tonumber(ARGV[2])))
for _, id in ipairs(old) do
  redis.call('DEL', ARGV[3] .. id)
end
if #old > 0 then
  redis.call('ZREM', KEYS[4], unpack(old))
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'ID_TAKEN'
end
local live = ARGV[5] == '1'
if live and redis.call('EXISTS', KEYS[2]) == 1 then
  return 'CALLER_BUSY'
end
if live and redis.call('EXISTS', KEYS[3]) == 1 then
  return 'CALLEE_BUSY'
end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
if live then
  redis.call('SET', KEYS[2], ARGV[4])
  redis.call('SET', KEYS[3], ARGV[4])
else
  redis.call('ZADD', KEYS[4], now, ARGV[4])
end
return 'PLACED'
