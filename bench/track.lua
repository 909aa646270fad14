-- bench/track.lua — wrk script: GET /api/track/{code}, cycling through the tracking codes in
-- the file given after "--" (one per line).
local codes = {}
local i = 0

init = function(args)
    for line in io.lines(args[1]) do
        codes[#codes + 1] = line
    end
    i = math.random(0, #codes - 1)
end

request = function()
    i = i % #codes + 1
    return wrk.format("GET", "/api/track/" .. codes[i])
end
