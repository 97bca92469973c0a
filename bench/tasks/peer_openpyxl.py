"""A peer: openpyxl (read-only mode) reads the workbook, sqlite3 inserts the rows in one transaction."""
import json, resource, sqlite3, sys, time
import openpyxl

file, db_file = sys.argv[1], sys.argv[2]
t = time.perf_counter()
c = time.process_time()
wb = openpyxl.load_workbook(file, read_only=True, data_only=True)
ws = wb.worksheets[0]
rows = ws.iter_rows(values_only=True)
next(rows)
db = sqlite3.connect(db_file)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS v(region TEXT, period TEXT, code TEXT, value REAL, note TEXT, PRIMARY KEY(code, region, period))")
n = 0
with db:
    for r in rows:
        db.execute("INSERT OR REPLACE INTO v VALUES (?, ?, ?, ?, ?)", (str(r[0]), str(r[1]), str(r[2]), float(r[3]), r[4] or ""))
        n += 1
db.close()
print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "cpuMs": (time.process_time() - c) * 1000, "rows": n, "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
