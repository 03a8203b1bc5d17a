# A vendor that hangs: accepts connections on 127.0.0.1:9911 and never answers. The example bot's
# SLACK_API_URL points here while bot-latency/load.py measures it (see benchmarks/README.md).
import socket, threading, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 9911)); s.listen(100)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)   # accept and never answer: a vendor that hangs
