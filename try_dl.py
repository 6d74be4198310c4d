import datetime, sys
from roadmap.deadlines import parse, resolve
for w in sys.argv[1:]:
    d = parse(w)
    win = resolve(d, first_year=2025, today=datetime.date(2025,11,22), anchor_date=datetime.date(2025,10,15))
    print(f"{w!r:55} {d.kind:10} {d.recurrence or d.term or d.part:10} {win.start} {win.due} {d.event}")
