# Sends signed Slack slash commands to the example bot over loopback, one at a time: one `declare`, then N
# `INC-1 note …`, and prints p50 / p90 / p99 of the reply time, the first tenth left out as JIT warm-up.
# Usage: python3 load.py <bot port> <N>. The signing secret is the one benchmarks/README.md starts the bot with.
import hmac, hashlib, time, urllib.request, urllib.parse, sys, statistics
secret = b"bench-signing-secret"
url = "http://127.0.0.1:%s/slack/events" % sys.argv[1]
n = int(sys.argv[2])
def send(text, i):
    body = urllib.parse.urlencode({"command": "/incident", "text": text, "user_id": "U%04d" % (i % 7),
        "user_name": "u%d" % (i % 7), "channel_id": "C-general", "team_id": "T1",
        "response_url": "http://127.0.0.1:9911/respond", "trigger_id": "t%d" % i}).encode()
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(secret, b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    req = urllib.request.Request(url, data=body, headers={"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig,
        "Content-Type": "application/x-www-form-urlencoded"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=10) as r:
        out = r.read()
    return (time.perf_counter() - t0) * 1000, r.status, out
d, st, out = send("declare sev2 Latency measurement", 0)
print("declare", st, round(d, 1), "ms", out[:120])
lat = []
for i in range(1, n + 1):
    d, st, out = send("INC-1 note measurement %d" % i, i)
    assert st == 200, (st, out)
    lat.append(d)
warm = lat[len(lat) // 10:]   # the first tenth warms the JIT
warm.sort()
def pct(p): return warm[min(len(warm) - 1, int(p / 100 * len(warm)))]
print("notes", len(lat), "measured", len(warm), "p50 %.2f p90 %.2f p99 %.2f max %.2f ms" % (pct(50), pct(90), pct(99), warm[-1]))
print("sample reply", out[:100])
