#!/usr/bin/env python3
"""Writes an export directory of N users in the exporter's format (gzip JSON Lines files of 10,000 users, then
manifest.json with each file's SHA-256, size and count), as `aws s3 cp --recursive` leaves one, plus the
get-csv-header output of a pool with the documented header. Measures nothing itself: see bench/restore/run.sh."""
import gzip, hashlib, json, os, sys, uuid

users, out = int(sys.argv[1]), sys.argv[2]
pool, started = "eu-west-1_Bench12345", "20260102T030405Z"
os.makedirs(out, exist_ok=True)
files, groups = [], {}
for start in range(0, users, 10_000):
    name = f"users-{len(files) + 1:05d}.jsonl.gz"
    lines = []
    for i in range(start, min(users, start + 10_000)):
        member = ["readers"] + (["editors"] if i % 5 == 0 else [])
        for g in member:
            groups[g] = groups.get(g, 0) + 1
        lines.append(json.dumps({
            "username": f"user{i:07d}", "sub": str(uuid.UUID(int=i)), "status": "CONFIRMED", "enabled": i % 50 != 3,
            "created": "2026-01-02T03:04:05Z", "lastModified": "2026-01-02T03:04:05Z",
            "attributes": {"email": f"user{i}@example.com", "email_verified": "true", "given_name": f"Given {i}",
                           "family_name": f"Family, {i}", "phone_number": f"+1555{i:07d}", "phone_number_verified": "false"},
            "groups": member}))
    path = os.path.join(out, name)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    data = open(path, "rb").read()
    files.append({"key": f"exports/{pool}/{started}/{name}", "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "users": len(lines)})
json.dump({"formatVersion": 1, "userPoolId": pool, "region": "eu-west-1", "startedAt": started, "finishedAt": "20260102T040000Z",
           "userCount": users, "groups": groups, "files": files}, open(os.path.join(out, "manifest.json"), "w"))
header = ["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
          "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
          "address", "updated_at", "cognito:mfa_enabled", "cognito:username"]
json.dump({"CSVHeader": header, "UserPoolId": "eu-west-1_New"}, open(os.path.join(out, "..", "header.json"), "w"))
