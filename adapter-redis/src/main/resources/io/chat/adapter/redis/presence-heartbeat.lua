-- Renews this node's lease, and tells the node whether its registrations may be gone.
-- KEYS[1]: the nodes' leases; KEYS[2]: presence's own state, a hash {seen: when presence last
-- heard of any node, grace: until when nobody is judged dead, run: Redis' run id when it was set,
-- epoch: the id of this data}.
-- ARGV[1]: this node; ARGV[2]: the lease, in ms; ARGV[3]: the longest silence, in ms, that is not
-- a pause of Redis (or of every node); ARGV[4]: a new epoch, taken when the data has none (it is
-- new: Redis started empty, or was flushed).
-- Answers {renewed, epoch, run id, grace over}: renewed is 1 when the lease was live, 0 when it had
-- lapsed or was gone (another node may have cleaned this node's users away, or Redis lost them);
-- the run id is Redis' (INFO server), new at every start of Redis even when it reloads its data
-- from disk; grace over is 1 once every node has had a lease's time to renew after a silence.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(ARGV[2])
local runId = string.match(redis.call('INFO', 'server'), 'run_id:(%w+)') or ''
-- After a silence (Redis paused or restarted, every node cut off) or a restart of Redis (its data,
-- if it kept any, may be older than the leases) every lease may have lapsed while its node lived:
-- no node is judged dead until each has had a lease's time to renew.
local seen = tonumber(redis.call('HGET', KEYS[2], 'seen') or '0')
redis.call('HSET', KEYS[2], 'seen', now)
if now - seen > tonumber(ARGV[3]) or redis.call('HGET', KEYS[2], 'run') ~= runId then
  redis.call('HSET', KEYS[2], 'grace', now + lease, 'run', runId)
end
local epoch = redis.call('HGET', KEYS[2], 'epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('HSET', KEYS[2], 'epoch', epoch)
end
local renewed = 0
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) > now then
  renewed = 1
end
redis.call('ZADD', KEYS[1], 'GT', now + lease, ARGV[1])
local graceOver = 0
if now >= tonumber(redis.call('HGET', KEYS[2], 'grace') or '0') then
  graceOver = 1
end
return {renewed, epoch, runId, graceOver}
