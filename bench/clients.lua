-- wrk script for the page and feed benches: each request comes from another client address,
-- named in X-Forwarded-For as nginx in front of rundbrief names it (the benches' rundbrief trusts
-- 127.0.0.1 as its proxy). Without it all load is one client, which rundbrief's per-client limits
-- (16 connections, 16 requests in progress) cut down as they should. nginx ignores the header.
local n = 0
request = function()
  n = n + 1
  wrk.headers["X-Forwarded-For"] = "10.1." .. (n % 250) .. "." .. (math.floor(n / 250) % 250 + 1)
  return wrk.format()
end
