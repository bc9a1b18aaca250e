#!/usr/bin/env python3
"""Writes a data directory with a release's jar, through its REST API, and records what it answers.

Usage: make-release-data.py JAR NAME OUT_DIR
  Starts `java -jar JAR --port 0 --data-dir OUT_DIR/NAME-data` (development mode), writes chats of every
  kind with every feature the release has (1:1, support, groups; edits, deletions, replies, reactions, pins,
  forwards, delivered and read marks, archive, mute, block, clear, push tokens), reads everything twice
  (reading history moves delivered marks: the second pass is what stays), records the second pass, stops the
  server with SIGTERM, and writes OUT_DIR/NAME-data.zip and OUT_DIR/NAME-data.json ({"release", "answers":
  {"user GET path": data}}). PreviousReleaseDataIT replays the answers on the next release.
"""
import json, os, re, shutil, signal, subprocess, sys, time, urllib.parse, urllib.request, zipfile

jar, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
data_dir = os.path.join(out, name + "-data")
shutil.rmtree(data_dir, ignore_errors=True)
server = subprocess.Popen(["java", "-jar", jar, "--port", "0", "--data-dir", data_dir,
                           "--send-burst", "1000", "--read-burst", "10000", "--read-per-second", "10000"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
base = None
for line in server.stdout:
    m = re.search(r"listening on (http://\S+)", line)
    if m:
        base = m.group(1)
        break
assert base, "the server did not start"


def token(user, *extra):
    return subprocess.check_output(["java", "-jar", jar, "token", user, "--data-dir", data_dir, *extra],
                                   text=True).strip().splitlines()[-1]


tokens = {u: token(u) for u in ["alice", "bob", "carol", "dave"]}
tokens["sam"] = token("sam", "--admin", "--name", "Sam (Support)")


def call(user, method, path, body=None, expect=(200, 201)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + tokens[user],
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            status, payload = r.status, json.load(r)
    except urllib.error.HTTPError as e:
        status, payload = e.code, json.load(e)
    assert status in expect, (user, method, path, status, payload)
    return payload.get("data", payload)


def send(user, chat, text, **extra):
    return call(user, "POST", "/api/v1/chats/%s/messages" % chat, dict(text=text, **extra))["message"]


def pair(a, b):
    return call(a, "POST", "/api/v1/chat/%s/messages" % b, {"text": "Hello " + b, "clientMessageId": a + "-1"})["message"]["chatId"]


def q(emoji):
    return urllib.parse.quote(emoji)


call("sam", "PUT", "/api/v1/admin/users/dave", {"fullName": "Dave Okafor", "profilePic": "https://example.com/dave.png", "isVerified": True})
ab = pair("alice", "bob")
m2 = send("bob", ab, "Lunch at noon? Café du Marché", clientMessageId="b-2")
m3 = send("alice", ab, "Yes! 🍜", replyTo=m2["_id"])
m4 = send("alice", ab, "Typo here")
call("alice", "PATCH", "/api/v1/chats/%s/messages/%s" % (ab, m4["_id"]), {"text": "No typo here"})
m5 = send("bob", ab, "Secret, delete me")
call("bob", "DELETE", "/api/v1/chats/%s/messages/%s?for=everyone" % (ab, m5["_id"]))
call("bob", "DELETE", "/api/v1/chats/%s/messages/%s?for=me" % (ab, m3["_id"]))
call("alice", "PUT", "/api/v1/chats/%s/messages/%s/reactions/%s" % (ab, m2["_id"], q("👍")))
call("bob", "PUT", "/api/v1/chats/%s/messages/%s/reactions/%s" % (ab, m2["_id"], q("👍")))
call("bob", "PUT", "/api/v1/chats/%s/messages/%s/reactions/%s" % (ab, m2["_id"], q("❤️")))
call("alice", "PUT", "/api/v1/chats/%s/messages/%s/pin" % (ab, m2["_id"]))
call("alice", "POST", "/api/v1/chats/%s/delivered" % ab, {"seq": 3})
call("bob", "POST", "/api/v1/chat/alice/mark-all-seen")

ac = pair("alice", "carol")
send("carol", ac, "Coming Friday?")
call("alice", "DELETE", "/api/v1/chat/carol/messages")
send("carol", ac, "After the clear")
call("alice", "POST", "/api/v1/chat/carol/mute", {"until": "2999-01-01T00:00:00Z"})
bc = pair("bob", "carol")
call("bob", "PUT", "/api/v1/chats/%s/archive" % bc)
cd = pair("carol", "dave")
call("carol", "POST", "/api/v1/users/dave/block")

group = call("alice", "POST", "/api/v1/chats/groups", {"name": "Friday trip", "description": "Where and when",
                                                       "members": ["bob", "carol"]})["chat"]["_id"]
g1 = send("alice", group, "Who drives? @bob", mentions=["bob"], clientMessageId="g-1")
g2 = send("bob", group, "I do", replyTo=g1["_id"])
call("alice", "PATCH", "/api/v1/chats/%s/members/bob" % group, {"role": "admin"})
call("bob", "POST", "/api/v1/chats/%s/members" % group, {"userIds": ["dave"]})
call("carol", "PUT", "/api/v1/chats/%s/messages/%s/reactions/%s" % (group, g2["_id"], q("🚗")))
call("bob", "PUT", "/api/v1/chats/%s/messages/%s/pin" % (group, g1["_id"]))
call("dave", "POST", "/api/v1/chats/%s/messages/%s/forward" % (ab, m2["_id"]), {"chatId": group}, expect=(404,))
call("bob", "POST", "/api/v1/chats/%s/messages/%s/forward" % (ab, m2["_id"]), {"chatId": group})
call("carol", "POST", "/api/v1/chats/%s/read" % group)
call("carol", "POST", "/api/v1/chats/%s/leave" % group)
call("alice", "PATCH", "/api/v1/chats/%s" % group, {"name": "Friday trip 🚗"})
send("dave", group, "Hi all, thanks for adding me")
call("dave", "POST", "/api/v1/chats/%s/mute" % group)

support = call("carol", "POST", "/api/v1/chat/000000000000000000000001/messages", {"text": "My order is late"})["message"]["chatId"]
call("sam", "POST", "/api/v1/admin/support/chats/%s/messages" % support, {"text": "Looking into it", "clientMessageId": "s-1"})
call("sam", "PATCH", "/api/v1/admin/support/chats/%s" % support, {"status": "waiting_user"})
for user, tok in [("alice", "alice-phone"), ("bob", "bob-phone"), ("dave", "dave-web")]:
    call(user, "PUT", "/api/v1/users/me/push-token", {"token": "ExponentPushToken[%s]" % tok, "platform": "ios"})


def snapshot():
    answers = {}

    def read(user, path):
        data = call(user, "GET", path)
        answers[user + " GET " + path] = data
        return data

    for user in ["alice", "bob", "carol", "dave"]:
        for archived in ["false", "true"]:
            for chat in read(user, "/api/v1/chats?limit=50&archived=" + archived)["chats"]:
                cid = chat["_id"]
                read(user, "/api/v1/chats/%s/messages?limit=50" % cid)
                read(user, "/api/v1/chats/%s" % cid)
                read(user, "/api/v1/chats/%s/pins" % cid)
                read(user, "/api/v1/chats/%s/changes?since=0&limit=50" % cid)
                if chat["type"] == "group" and not (user == "carol"):  # carol left the group
                    read(user, "/api/v1/chats/%s/members?limit=50" % cid)
        read(user, "/api/v1/chat?limit=50")
        read(user, "/api/v1/users/me/blocked")
        read(user, "/api/v1/search?q=cafe")
        read(user, "/api/v1/search?q=here")
    read("sam", "/api/v1/admin/support/chats?limit=50")
    read("sam", "/api/v1/admin/support/chats/%s?limit=50" % support)
    return answers


snapshot()
answers = snapshot()
server.send_signal(signal.SIGTERM)
server.wait(30)
release = subprocess.check_output(["git", "log", "-1", "--format=%h %cs"], text=True).strip()
with open(os.path.join(out, name + "-data.json"), "w") as f:
    json.dump({"release": release, "howMade": "bootstrap/src/test/scripts/make-release-data.py", "answers": answers},
              f, indent=1, ensure_ascii=False, sort_keys=True)
with zipfile.ZipFile(os.path.join(out, name + "-data.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for file in sorted(os.listdir(data_dir)):
        z.write(os.path.join(data_dir, file), file)
print("recorded", len(answers), "answers")
