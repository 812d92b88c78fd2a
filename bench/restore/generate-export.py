#!/usr/bin/env python3
"""Writes an export directory of N users in the exporter's current format (2: the users split into 16 partitions by
the first hex digit of their sub, gzip JSON Lines files of at most 10,000 users per partition, then manifest.json with
each partition's count and each file's partition, SHA-256, size and count), as `aws s3 cp --recursive` leaves one,
plus the get-csv-header output of a pool with the documented header. Measures nothing itself: see
bench/restore/run.sh."""
import gzip, hashlib, json, os, sys, uuid

users, out = int(sys.argv[1]), sys.argv[2]
pool, started = "eu-west-1_Bench12345", "20260102T030405Z"
os.makedirs(out, exist_ok=True)
partitions = {f"{p:x}": [] for p in range(16)}
groups = {}
for i in range(users):
    # A random-looking version 4 UUID, the same for the same i, so the partitions fill about evenly.
    sub = str(uuid.UUID(bytes=hashlib.md5(str(i).encode()).digest(), version=4))
    member = ["readers"] + (["editors"] if i % 5 == 0 else [])
    for g in member:
        groups[g] = groups.get(g, 0) + 1
    partitions[sub[0]].append(json.dumps({
        "username": f"user{i:07d}", "sub": sub, "status": "CONFIRMED", "enabled": i % 50 != 3,
        "created": "2026-01-02T03:04:05Z", "lastModified": "2026-01-02T03:04:05Z",
        "attributes": {"sub": sub, "email": f"user{i}@example.com", "email_verified": "true", "given_name": f"Given {i}",
                       "family_name": f"Family, {i}", "phone_number": f"+1555{i:07d}", "phone_number_verified": "false"},
        "groups": member}))
files = []
for partition, lines in partitions.items():
    for number, start in enumerate(range(0, len(lines), 10_000), 1):
        name = f"users-{partition}-{number:05d}.jsonl.gz"
        chunk = lines[start:start + 10_000]
        path = os.path.join(out, name)
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write("\n".join(chunk) + "\n")
        data = open(path, "rb").read()
        files.append({"key": f"exports/{pool}/{started}/{name}", "partition": partition, "sha256": hashlib.sha256(data).hexdigest(),
                      "bytes": len(data), "users": len(chunk)})
json.dump({"formatVersion": 2, "userPoolId": pool, "region": "eu-west-1", "startedAt": "2026-01-02T03:04:05Z",
           "finishedAt": "2026-01-02T04:00:00Z", "userCount": users, "groups": groups,
           "partitions": [{"subPrefix": p, "users": len(lines)} for p, lines in partitions.items()], "files": files},
          open(os.path.join(out, "manifest.json"), "w"))
header = ["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
          "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
          "address", "updated_at", "cognito:mfa_enabled", "cognito:username"]
json.dump({"CSVHeader": header, "UserPoolId": "eu-west-1_New"}, open(os.path.join(out, "..", "header.json"), "w"))
