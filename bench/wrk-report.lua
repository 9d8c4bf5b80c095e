-- wrk reporter: one machine-readable line per run for bench/run:
-- BENCH <requests> <errors> <p50 ms> <p95 ms> <p99 ms> <requests per second>
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %.2f %.2f %.2f %.1f\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
