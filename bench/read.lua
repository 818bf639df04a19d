-- wrk script for GETs. With BENCH_IDS set (a file of contribution ids), each request reads
-- another contribution by id; otherwise the URL given to wrk is requested as is. BENCH_TOKEN
-- signs the requests in.
function init(args)
  local file = os.getenv("BENCH_IDS")
  if file and file ~= "" then
    ids = {}
    for line in io.lines(file) do
      if line ~= "" then ids[#ids + 1] = line end
    end
    math.randomseed(os.time())
  end
end

function request()
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if ids then
    return wrk.format("GET", "/api/v1/contributions/" .. ids[math.random(#ids)])
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d sockerr=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
