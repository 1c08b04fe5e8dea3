"""A scan's launch, poll and fetch with paragbaxi/qualysapi, the client unchanged: launchScan
(which launches, then lists the new scan by its reference into the client's Scan object),
listScans until that scan is Finished and processed, as a job waiting on it polls, then the
scan's results fetched through the client's API v2 request. Prints what the client saw as one
line of JSON.

Environment: QUALYS_HOST (host:port, reached over HTTPS), QUALYS_USER, QUALYS_PASSWORD,
QUALYS_SCAN_IP (a target, added to the subscription first), QUALYS_SCANNER (an appliance name),
QUALYS_OPTION (an option profile title), QUALYS_POLL_SECONDS (how long to wait at most);
REQUESTS_CA_BUNDLE names the emulator's certificate.
"""

import json
import os
import time

import qualysapi

SCAN = "/api/2.0/fo/scan/"


def scan_view(scan):
    return {
        "ref": scan.ref,
        "status": scan.status,
        "processed": scan.processed,
        "target": scan.target,
        "title": scan.title,
        "type": scan.type,
        "user_login": scan.user_login,
    }


env = os.environ
conn = qualysapi.connect(username=env["QUALYS_USER"], password=env["QUALYS_PASSWORD"], hostname=env["QUALYS_HOST"])
conn.addIP(env["QUALYS_SCAN_IP"], "vm")
launched = conn.launchScan("client flow", env["QUALYS_OPTION"], env["QUALYS_SCANNER"], ip=env["QUALYS_SCAN_IP"])
seen = {"launched": scan_view(launched), "states": []}

deadline = time.time() + float(env.get("QUALYS_POLL_SECONDS", "60"))
while True:
    mine = [s for s in conn.listScans() if s.ref == launched.ref]
    current = scan_view(mine[0]) if mine else None
    if not seen["states"] or seen["states"][-1] != (current and [current["status"], current["processed"]]):
        seen["states"].append(current and [current["status"], current["processed"]])
    if current is None or current["status"] in ("Finished", "Error", "Canceled") and current["processed"] == 1:
        break
    if time.time() > deadline:
        break
    time.sleep(0.2)

fetched = conn.request(SCAN, {"action": "fetch", "scan_ref": launched.ref, "output_format": "json"})
seen["results"] = json.loads(fetched)
print(json.dumps(seen))
