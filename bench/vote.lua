-- wrk script: PUT /api/v1/contributions/{id}/vote with a rotating bearer token.
-- Environment: BENCH_TOKENS (file, one access token per line), BENCH_CONTRIBS (file, one
-- contribution id per line), BENCH_MODE ("uniform": a random contribution of the file;
-- "flash": only the first 4 of the file).
--
-- Request i (counted across all threads: thread t sends i = t, t+T, t+2T, ...) goes from voter
-- i mod V. In flash mode the pair (voter, contribution) runs through all 4·V pairs before one
-- repeats, and each repeat flips the vote (+1 <-> -1), so every request changes the tally and
-- appends a delta, as a first vote does; otherwise a repeat would be a cheaper no-op and flatter
-- the flash figure. Concurrent requests always come from distinct voters, so the per-voter
-- advisory lock never serialises the load generator's own requests.
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function init(args)
  tokens = lines(os.getenv("BENCH_TOKENS"))
  contribs = lines(os.getenv("BENCH_CONTRIBS"))
  flash = os.getenv("BENCH_MODE") == "flash"
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  k = 0
  math.randomseed(os.time() * 1000 + tid)
  bodies = { [1] = '{"value":1}', [-1] = '{"value":-1}' }
end

function request()
  local i = tid + k * nthreads
  k = k + 1
  local v = #tokens
  local voter, contribution, value
  if flash then
    -- i = 4q + r: contribution r, voter q shifted by a quarter of the voters per contribution.
    local q, r = math.floor(i / 4), i % 4
    voter = (q + r * math.floor(v / 4)) % v
    contribution = r
    value = (math.floor(i / (4 * v)) % 2 == 0) and 1 or -1
  else
    voter = i % v
    contribution = math.random(0, #contribs - 1)
    value = 1
  end
  return wrk.format("PUT", "/api/v1/contributions/" .. contribs[contribution + 1] .. "/vote", {
    ["Authorization"] = "Bearer " .. tokens[voter + 1],
    ["Content-Type"] = "application/json",
  }, bodies[value])
end

function done(summary, latency, requests)
  local e = summary.errors
  -- One machine-readable line; run.sh parses it. Latencies are in microseconds.
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d sockerr=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
