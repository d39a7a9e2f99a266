# Parses an iCalendar file with vobject, validating it, and prints the events it read as JSON (start in UTC).
import datetime
import json
import sys

import vobject

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()

cal = vobject.readOne(text, validate=True)
events = []
for ev in cal.contents.get("vevent", []):
    start = ev.dtstart.value
    if isinstance(start, datetime.datetime):
        start = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        start = start.isoformat()
    events.append({
        "uid": ev.uid.value,
        "summary": ev.summary.value if hasattr(ev, "summary") else None,
        "description": ev.description.value if hasattr(ev, "description") else None,
        "start": start,
    })
print(json.dumps({"events": events}))
