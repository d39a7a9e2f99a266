// Parses an iCalendar file with ical.js, registers its VTIMEZONEs, and prints the events and the expansion of the
// first recurring series (with its EXDATEs and RECURRENCE-ID overrides applied) as JSON, all instants in UTC.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const limit = Number(process.argv[3] ?? 50);
const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);

const iso = (t) => (t ? t.toJSDate().toISOString().replace('.000Z', 'Z') : null);
const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
const out = {
  method: calendar.getFirstPropertyValue('method'),
  events: events.map((e) => ({
    uid: e.uid,
    summary: e.summary,
    description: e.description,
    start: iso(e.startDate),
    end: iso(e.endDate),
    location: e.location,
    status: e.component.getFirstPropertyValue('status'),
    zone: e.startDate.zone ? e.startDate.zone.tzid : null,
    recurrenceId: iso(e.recurrenceId),
    sequence: e.sequence,
  })),
  occurrences: [],
};

const master = events.find((e) => e.isRecurring());
if (master) {
  for (const e of events) if (e.uid === master.uid && e.recurrenceId) master.relateException(e);
  const iterator = master.iterator();
  for (let next = iterator.next(), n = 0; next && n < limit; next = iterator.next(), n++) {
    const details = master.getOccurrenceDetails(next);
    out.occurrences.push({ recurrenceId: iso(details.recurrenceId), start: iso(details.startDate), end: iso(details.endDate) });
  }
}
console.log(JSON.stringify(out));
