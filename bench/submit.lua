-- bench/submit.lua — wrk script: POST /api/applications, one new application per request.
-- Each request is acknowledged (201) only after the store committed it (durable).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local n = 0
local id = tostring(math.random(1, 1e9))

request = function()
    n = n + 1
    local body = string.format(
        '{"applicant_type":"np","name":"压测申请人 %s-%d","contact":"bench@example.org",' ..
        '"request":"基准测试：请公开某项政府信息 %d"}', id, n, n)
    return wrk.format(nil, "/api/applications", nil, body)
end
