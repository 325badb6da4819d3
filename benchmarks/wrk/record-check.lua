-- wrk script for POST /api/v1/records/check with an API token.
-- Usage: JINBAO_TOKEN=jbt_... wrk -t1 -c16 -d30s --latency -s benchmarks/wrk/record-check.lua http://127.0.0.1:5080
-- The record is synthetic: its ID number has a valid check character and belongs to no one.
wrk.method = "POST"
wrk.path = "/api/v1/records/check"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("JINBAO_TOKEN") or "")
wrk.body = '{"dataset":"person","fields":{"公民身份号码":"110105198503141235","姓名":"张三","性别":"1","出生日期":"19850314","民族":"01","行政区划代码":"110105","联系电话":"13800138000"}}'

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 responses (first thread): %d\n", failures))
end
