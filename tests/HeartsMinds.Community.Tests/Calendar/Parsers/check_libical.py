# Parses an iCalendar file with libical (through GObject introspection), runs its RFC 5545/5546 restriction
# checks and prints what it read as JSON. Exit 1 when libical reports an error.
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()

root = I.Component.new_from_string(text)
if root is None:
    print(json.dumps({"errors": ["libical could not parse the calendar"]}))
    sys.exit(1)

restrictions_ok = bool(root.check_restrictions())
errors = []
events = []


def walk(component):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        errors.append(prop.as_ical_string().strip())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    if component.isa() == I.ComponentKind.VEVENT_COMPONENT:
        events.append({
            "uid": component.get_uid(),
            "summary": component.get_summary(),
            "description": component.get_description(),
        })
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        walk(child)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)


walk(root)
print(json.dumps({"restrictionsOk": restrictions_ok, "errors": errors, "events": events}))
sys.exit(0 if restrictions_ok and not errors else 1)
