-- Renews this node's lease.
-- KEYS[1]: the nodes' leases; KEYS[2]: when presence last heard of any node, a hash {seen, grace}.
-- ARGV[1]: this node; ARGV[2]: the lease, in ms; ARGV[3]: the longest silence, in ms, that is not
-- a pause of Redis (or of every node).
-- Answers 1 when the lease was renewed, 0 when it had lapsed already (another node may have
-- cleaned this node's users away: its counts are no longer all in Redis).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(ARGV[2])
-- After a silence (Redis paused or restarted, every node cut off) every lease may have lapsed
-- while its node lived: no node is judged dead until each has had a lease's time to renew.
local seen = tonumber(redis.call('HGET', KEYS[2], 'seen') or '0')
redis.call('HSET', KEYS[2], 'seen', now)
if now - seen > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[2], 'grace', now + lease)
end
local renewed = 1
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= now then
  renewed = 0
end
redis.call('ZADD', KEYS[1], 'GT', now + lease, ARGV[1])
return renewed
