"""The host list paged by paragbaxi/qualysapi, the client unchanged: QGActions.notScannedSince
lists every host with details=All, a page at a time, taking the next page's id_min from each
WARNING URL, and keeps those last scanned that many days ago or more. Prints the hosts it
returned as one line of JSON.

Environment: QUALYS_HOST (host:port, reached over HTTPS), QUALYS_USER, QUALYS_PASSWORD,
QUALYS_DAYS; REQUESTS_CA_BUNDLE names the emulator's certificate.
"""

import json
import os

import qualysapi

env = os.environ
conn = qualysapi.connect(username=env["QUALYS_USER"], password=env["QUALYS_PASSWORD"], hostname=env["QUALYS_HOST"])
hosts = conn.notScannedSince(int(env["QUALYS_DAYS"]))
print(json.dumps([{"id": h.id, "ip": h.ip, "tracking_method": h.tracking_method, "last_scan": str(h.last_scan)} for h in hosts]))
