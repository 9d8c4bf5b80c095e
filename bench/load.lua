-- Mixed load for bench/load: each request goes out as the next of the signed-in sessions listed in the file
-- args[1] ("cookie kbk value opd" per line): 2 in 10 log an action (a write), the rest read the actions list,
-- the OPD home, the KBK page and the notifications. args[2] is today's date, args[3] the Origin header.
dofile("bench/wrk-report.lua")

local sessions = {}
local counter = 0
local shown = 0

init = function(args)
  for line in io.lines(args[1]) do
    local cookie, kbk, value, opd = line:match("(%S+) (%S+) (%S+) (%S+)")
    table.insert(sessions, { cookie = cookie, kbk = kbk, value = value, opd = opd })
  end
  today, origin = args[2], args[3]
  counter = math.random(1, #sessions)
end

request = function()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local headers = { ["Cookie"] = s.cookie }
  local roll = counter % 10
  if roll < 2 then
    headers["Content-Type"] = "application/json"
    headers["Origin"] = origin
    local body = string.format('{"title":"Uji beban %d","kind":"pertemuan_rutin","started_on":"%s",'
      .. '"location":"Ruang rapat","value_ids":["%s"],"description":"Kegiatan dari uji beban.",'
      .. '"participants":10,"attendees":9}', counter, today, s.value)
    return wrk.format("POST", "/api/v1/kbks/" .. s.kbk .. "/actions", headers, body)
  elseif roll < 5 then
    return wrk.format("GET", "/api/v1/kbks/" .. s.kbk .. "/actions?limit=50", headers)
  elseif roll < 7 then
    return wrk.format("GET", "/opd/" .. s.opd, headers)
  elseif roll < 9 then
    return wrk.format("GET", "/kbk/" .. s.kbk, headers)
  end
  return wrk.format("GET", "/api/v1/notifications", headers)
end

response = function(status, headers, body)
  if status >= 400 and shown < 5 then
    shown = shown + 1
    io.write("answer " .. status .. ": " .. body:sub(1, 300) .. "\n")
  end
end
