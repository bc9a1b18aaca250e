-- Replaces a stored call with its next state while the stored one is still at the expected
-- version, atomically for every node (CallRegistry.replace). A call that ends frees its users.
-- KEYS and ARGV[1..5] as call-place.lua (ARGV[5]: '1' when the next state is live);
-- ARGV[6]: the expected version; ARGV[7...]: the next state's fields, name and value in turn.
-- Answers 1 when it replaced, else 0.
local now = tonumber(ARGV[1])
local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. (now - tonumber(ARGV[2])))
for _, id in ipairs(old) do
  redis.call('DEL', ARGV[3] .. id)
end
if #old > 0 then
  redis.call('ZREM', KEYS[4], unpack(old))
end
local stored = redis.call('HMGET', KEYS[1], 'version', 'state')
if not stored[1] or stored[1] ~= ARGV[6] then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 7))
if stored[2] ~= 'ENDED' and ARGV[5] ~= '1' then
  if redis.call('GET', KEYS[2]) == ARGV[4] then
    redis.call('DEL', KEYS[2])
  end
  if redis.call('GET', KEYS[3]) == ARGV[4] then
    redis.call('DEL', KEYS[3])
  end
  redis.call('ZADD', KEYS[4], now, ARGV[4])
end
return 1
