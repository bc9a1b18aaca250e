-- Which users have a device on a live node.
-- KEYS[1]: the nodes' leases; KEYS[2..n]: the users' device hashes. ARGV[1]: this node.
-- Answers 1 or 0 for each user, in the order of KEYS[2..n].
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local alive = {[ARGV[1]] = true}
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  alive[node] = true
end
local online = {}
for k = 2, #KEYS do
  local counts = redis.call('HGETALL', KEYS[k])
  local on = 0
  for i = 1, #counts, 2 do
    if alive[counts[i]] and tonumber(counts[i + 1]) > 0 then
      on = 1
      break
    end
  end
  online[k - 1] = on
end
return online
