-- wrk script for the archive's benchmark (bench/run.py).
--
-- Requests the paths listed one per line in the file named by the BENCH_PATHS
-- environment variable, in turn, each thread starting at its own offset, so a
-- run is a fixed mix (a search query mix, say) rather than one URL.  Headers
-- given with -H (If-None-Match for the conditional run) go with every request.
-- At the end it prints one line, "BENCH_JSON {...}", that bench/run.py reads.

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean
  ))
end
