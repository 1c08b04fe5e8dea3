"""What a credential-sync job does with paragbaxi/qualysapi, the client unchanged: adds IPs to the
subscription (QGActions.addIP), makes an asset group (its generic API v2 request), edits it
through the client's AssetGroup object (addAsset, setAssets), has an edit naming an IP outside the
subscription refused, and deletes the group. Prints what the client saw as one line of JSON.

Environment: QUALYS_HOST (host:port of the emulator, which the client reaches over HTTPS),
QUALYS_USER, QUALYS_PASSWORD; REQUESTS_CA_BUNDLE names the emulator's certificate.
"""

import json
import os

import qualysapi
import requests
from lxml import objectify
from qualysapi.api_objects import AssetGroup

GROUP = "/api/2.0/fo/asset/group/"


def response(xml):
    return objectify.fromstring(xml.encode("utf-8")).RESPONSE


def simple_return(xml):
    r = response(xml)
    return {"code": str(r.find("CODE") or ""), "text": str(r.TEXT)}


def group_ips(conn, title):
    """The group's IP_SET as the API v2 list shows it, entries as given."""
    found = response(conn.request(GROUP, {"action": "list", "title": title})).ASSET_GROUP_LIST.ASSET_GROUP
    ip_set = found.find("IP_SET")
    return found, [] if ip_set is None else [str(e) for e in ip_set.iterchildren()]


conn = qualysapi.connect(
    username=os.environ["QUALYS_USER"], password=os.environ["QUALYS_PASSWORD"], hostname=os.environ["QUALYS_HOST"]
)
seen = {}
conn.addIP("10.20.0.1-10.20.0.6", "both")
seen["added"] = simple_return(conn.request(GROUP, {"action": "add", "title": "sync-web", "ips": "10.20.0.1-10.20.0.2"}))
found, seen["listed"] = group_ips(conn, "sync-web")
# listAssetGroups() reads API v1 (asset_group_list.php); the object it would make, made from v2
group = AssetGroup(found.find("BUSINESS_IMPACT"), found.ID, found.find("LAST_UPDATE"), list(seen["listed"]), [], [], found.TITLE)
group.addAsset(conn, "10.20.0.5")
seen["after_add"] = group_ips(conn, "sync-web")[1]
group.setAssets(conn, "10.20.0.3-10.20.0.4,10.20.0.6")
seen["after_set"] = group_ips(conn, "sync-web")[1]
try:
    group.addAsset(conn, "10.99.0.1")
    seen["refused"] = None
except requests.HTTPError as e:
    seen["refused"] = {"status": e.response.status_code, **simple_return(e.response.text)}
seen["after_refusal"] = group_ips(conn, "sync-web")[1]
seen["deleted"] = simple_return(conn.request(GROUP, {"action": "delete", "id": group.id}))
print(json.dumps(seen))
