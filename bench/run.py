"""The archive's benchmark: ``make bench`` (and ``make soak``).

For each size (``BENCH_SIZES``, default 10,000 and 1,000,000 statements) it

1. starts a PostgreSQL server of its own (``scripts/with-postgres`` with a kept
   folder, ``var/bench/pg-<size>``), and the first time migrates, loads the
   three real debates and runs ``generate_synthetic`` (timed); later runs
   reuse the data until the migrations, the fixtures or the generator change;
2. counts the SQL queries of every page with Django's test client, and checks
   with ``EXPLAIN`` that no query behind a page scans the statement table
   sequentially (``EXPLAIN ANALYZE`` of each is written to
   ``var/bench/out/explain-<size>.txt``);
3. serves the app with gunicorn under production settings (DEBUG off, two
   sync workers, as ``make serve``) and drives it with wrk: a debate page, a
   theme page, the explorer with two filters, the explorer with words, the
   API's statements with two filters (``/api/v1/statements/``), a fixed mix of
   searches, and the framework floor (the same bytes as the debate page
   from one raw query, ``bench/views.py``); then streams a CSV export of about
   100,000 rows, measuring rows/s and the growth of the worker's peak memory;
4. serves the same debate page's bytes from nginx (the physical limit);
5. serves again with the page cache on, shared in a Redis server, and drives
   the cached debate and theme pages and a conditional ``If-None-Match`` run.

It prints one Markdown table per size and writes ``bench/RESULTS.md`` with the
machine, the date and which targets are met.  Everything it starts listens on
127.0.0.1 and is stopped when it ends, however it ends.

Before all that it times the summary importer's preview (``--only import`` runs
just that part, in a few tens of seconds and without the benchmark data):
inputs of 10 KB, 100 KB and 1 MB made of the real 2011 summary, and three
hostile ones, written to the "Import preview" section of ``bench/RESULTS.md``.

``--soak`` instead runs 50 wrk connections for 5 minutes against the
production server on the 10,000-statement data and checks that no request
failed and that the workers' memory did not grow beyond a tolerance
(``bench/SOAK.md``).
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import hashlib
import http.client
import json
import math
import os
import platform
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
OUT = VAR / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
RESULTS = BENCH / "RESULTS.md"
SOAK_RESULTS = BENCH / "SOAK.md"
ANALYSIS_MARKER = (
    "<!-- Everything below this line is written by hand and kept when the benchmark rewrites the file. -->"
)

SEED = 1
WORKERS = 2
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
WARMUP = 2
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
EXPORT_ROWS = 100_000
SLOW_SECONDS = 1.0
SLOW_SAMPLES = 6
SOAK_CONNECTIONS = 50
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "300"))
SOAK_SIZE = 10_000
SOAK_MEMORY_TOLERANCE_MB = 25
POSTGRES_SETTINGS = {
    "shared_buffers": "1GB",
    "effective_cache_size": "8GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "random_page_cost": "1.1",
    "jit": "off",
    "max_connections": "60",
}
SERVER_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production",
    "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1; the other security settings stay on
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_CONN_MAX_AGE": "600",
    "ARCHIVE_BENCH_FLOOR": "1",
    # The API's rate limit (api/policies.py) still counts every request, but lets wrk's load through.
    "ARCHIVE_API_RATE": "1000000/s",
}

# A fixed mix of searches: common words (matching most statements), a long-tail place and subject,
# rare words, quoted phrases, and the same with the explorer's filters.
SEARCH_MIX = [
    "/search/?q=security",
    "/search/?q=human+security",
    "/search/?q=development+States",
    "/search/?q=Ghana",
    "/search/?q=malaria",
    "/search/?q=tsunami",
    "/search/?q=permafrost",
    "/search/?q=%22early+warning%22",
    "/search/?q=%22human+rights%22",
    "/search/?q=%22responsibility+to+protect%22",
    "/interventions/?q=security&theme=freedom-from-fear",
    "/interventions/?q=%22human+rights%22&extent=some",
    "/interventions/?q=Ghana&stance=emphasized",
    "/interventions/?q=tsunami&year_from=2000",
]

# Relevance (issue 15): the site search's first ten against an exhaustive ranking of every match, for
# the five commonest words of the data (found at run time) and these fifteen.
RELEVANCE_QUERIES = [
    "security",
    "human security",
    "development States",
    "Ghana",
    "malaria",
    "tsunami",
    "permafrost",
    '"early warning"',
    '"human rights"',
    '"responsibility to protect"',
    "protection or empowerment",
    "development -rights",
    "freedom fear",
    '"climate change"',
    "sovereignty",
]
RELEVANCE_PLACES = 10
# While the explorer is measured, a debate is withdrawn and published again every CHURN_SECONDS.
CHURN_SECONDS = 3
CHURN_DURATION = int(os.environ.get("BENCH_CHURN_DURATION", "30"))

TARGETS = """\
- explorer (two filters, with facet counts), the API's statements (two filters) and search (the whole query mix):
  p95 ≤ 100 ms at 1,000,000;
- debate page, uncached: ≥ 50% of the framework floor's requests per second;
- cached public pages: ≥ 10% of nginx's requests per second for the same bytes; 304 for unchanged pages;
- SQL queries per page constant from 10,000 to 1,000,000, and ≤ 12;
- a 100,000-row CSV export streams at ≥ 20,000 rows/s with peak memory growth under 100 MB;
- no sequential scan of the statement table behind any filtered page;
- search relevance: for 20 queries (the five commonest words among them) the first 10 results agree with an
  exhaustive ranking of every match in at least 9 of 10 places;
- the explorer's p99 while a debate is withdrawn and published every few seconds: ≤ 200 ms at 1,000,000."""


# Processes ---------------------------------------------------------------------------------------


class Servers(contextlib.ExitStack):
    """Every process the benchmark starts, stopped (by pid, never by name) when it ends, however it ends."""

    def start(self, command, *, env=None, log=None, **kwargs):
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the stack)
        if log:
            self.callback(output.close)
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, **kwargs)
        self.callback(stop, process)
        return process


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def raise_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def proc_status_kb(pid, field):
    match = re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def reset_peak_memory(pids):
    """Reset each process's peak resident size (VmHWM) to its current size: ``echo 5 > clear_refs``."""
    for pid in pids:
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_memory_mb(pids):
    return max(proc_status_kb(pid, "VmHWM") for pid in pids) / 1024


# wrk -----------------------------------------------------------------------------------------------


def wrk(base_url, paths, *, duration=DURATION, connections=CONNECTIONS, threads=1, headers=(), timeout=10):
    """Run wrk over ``paths`` in turn; return its summary (requests/s, latency percentiles in ms, errors)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    command += ["-s", str(BENCH / "mix.lua"), base_url]
    try:
        output = subprocess.run(
            command, env={**os.environ, "BENCH_PATHS": listing.name}, capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(listing.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds,
        "p50": raw["latency_us"]["p50"] / 1000,
        "p95": raw["latency_us"]["p95"] / 1000,
        "p99": raw["latency_us"]["p99"] / 1000,
        "errors": sum(raw["errors"].values()),
        "error_detail": raw["errors"],
        "bytes_per_request": raw["bytes"] / max(raw["requests"], 1),
    }


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def active_queries():
    """Queries running in the benchmark's database other than this one (0 when Django is not set up here)."""
    if "django" not in sys.modules:
        return 0
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def wait_until_idle(workers, timeout=300):
    """Wait for the workers and the database to finish what wrk left them: requests it gave up on run on."""
    deadline = time.monotonic() + timeout
    before = cpu_ticks(workers)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        after = cpu_ticks(workers)
        if after - before <= 2 and active_queries() == 0:
            return
        before = after


def sequential(base_url, paths, workers, *, samples, headers=()):
    """For pages too slow for wrk's run: ``samples`` requests one after the other, timed one by one."""
    header_dict = dict(header.split(": ", 1) for header in headers)
    reset_peak_memory(workers)
    timings, errors, started = [], 0, time.monotonic()
    for index in range(samples):
        request_started = time.monotonic()
        status, _, _ = fetch(base_url + paths[index % len(paths)], header_dict)
        timings.append((time.monotonic() - request_started) * 1000)
        errors += status >= 400
    timings.sort()

    def percentile(p):
        return timings[min(len(timings) - 1, int(p / 100 * len(timings)))]

    return {
        "requests": samples,
        "rps": samples / (time.monotonic() - started),
        "p50": percentile(50),
        "p95": percentile(95),
        "p99": percentile(99),
        "errors": errors,
        "error_detail": {"status": errors},
        "sequential": True,
        "peak_rss_mb": peak_memory_mb(workers),
    }


def measure(base_url, paths, workers, **options):
    """Warm up, then run wrk with the workers' peak memory reset before and read after.

    A mix whose slowest page takes more than SLOW_SECONDS is timed request by request instead
    (``sequential``): wrk would give up on such requests and leave them running behind the next run.
    """
    header_dict = dict(header.split(": ", 1) for header in options.get("headers", ()))
    # Each worker builds its own per-process state first (the explorer's index after a change, the
    # words it has looked up): several requests at once for every path, so that every worker serves some.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * len(workers)) as pool:
        list(
            pool.map(
                lambda path: fetch(base_url + path, header_dict), [p for p in paths for _ in range(2 * len(workers))]
            )
        )
    slowest = 0
    for path in paths:
        started = time.monotonic()
        fetch(base_url + path, header_dict)
        slowest = max(slowest, time.monotonic() - started)
    if slowest > SLOW_SECONDS:
        return sequential(
            base_url, paths, workers, samples=max(SLOW_SAMPLES, len(paths)), headers=options.get("headers", ())
        )
    wrk(base_url, paths, duration=WARMUP, **{k: v for k, v in options.items() if k != "duration"})
    wait_until_idle(workers)
    reset_peak_memory(workers)
    result = wrk(base_url, paths, **options)
    result["peak_rss_mb"] = peak_memory_mb(workers)
    wait_until_idle(workers)
    return result


# The inner run: one size, inside scripts/with-postgres ---------------------------------------------


def manage(*args, env):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def data_key(size):
    """What the generated data depends on: when it changes, the data is generated again."""
    digest = hashlib.sha256(f"{size}:{SEED}".encode())
    sources = [ROOT / "bench/management/commands/generate_synthetic.py"]
    sources += sorted(path for app in ("debates", "panels") for path in (ROOT / app / "migrations").glob("*.py"))
    sources += sorted((ROOT / "fixtures").glob("*.json"))
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare_data(size, env):
    """Generate the data the first time (recording how long it took); reuse it afterwards."""
    marker = VAR / f"pg-{size}.json"
    key = data_key(size)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    if marker.exists() and json.loads(marker.read_text()).get("key") == key:
        return json.loads(marker.read_text())
    manage("seed_archive", "--verbosity", "0", env=env)
    started = time.monotonic()
    manage("generate_synthetic", "--interventions", str(size), "--seed", str(SEED), env=env)
    seconds = time.monotonic() - started
    info = {"key": key, "generation_seconds": round(seconds, 1), "generated_on": datetime.date.today().isoformat()}
    marker.write_text(json.dumps(info))
    return info


def collect_static(env):
    """Hashed static files, as production serves them; `make bench` has already made them when it can."""
    if not (ROOT / "var" / "staticfiles" / "staticfiles.json").exists():
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)


def django_setup(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def choose_endpoints(size):
    """The benchmark's pages, picked from the data so that they are the same at every size."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from bench.management.commands.generate_synthetic import SLUG_PREFIX, debate_sizes
    from panels.models import Intervention

    sizes = dict(debate_sizes(size, SEED))
    index = min((i for i in sizes if i < 50 and i < len(sizes) - 1), key=lambda i: abs(sizes[i] - 150))
    debate = f"/debates/{SLUG_PREFIX}{index + 1:07d}/"

    published = Intervention.objects.published()
    per_year = dict(
        published.annotate(year=ExtractYear("debate__start_date"))
        .values_list("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    target = min(EXPORT_ROWS, sum(per_year.values()))
    first = min(per_year)
    total, last = 0, first
    for year in sorted(per_year):
        total += per_year[year]
        last = year
        if total >= target * 0.95:
            break
    return {
        "debate": (debate, sizes[index]),
        "theme": "/themes/freedom-from-fear/",
        "explorer_filters": "/interventions/?theme=freedom-from-want&extent=some",
        "api_filters": "/api/v1/statements/?theme=freedom-from-want&actor=panelist",
        "explorer_words": "/interventions/?q=prevention",
        "feed_theme": "/feeds/themes/freedom-from-want.atom",
        "feed_selection": "/feeds/statements.json?theme=freedom-from-want&extent=some",
        "export": (f"/interventions/export.csv?year_from={first}&year_to={last}", total),
    }


def count_and_explain(paths, size):
    """SQL queries per request for each path (page cache off), and EXPLAIN of each query behind it."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ARCHIVE_PAGE_CACHE = False
    client = Client()
    report = {}
    explain_log = OUT / f"explain-{size}.txt"
    with explain_log.open("w") as log:
        for path in paths:
            client.get(path)  # warm the process's own caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"bench: {path} answered {response.status_code}")
            seq_scans = 0
            with connection.cursor() as cursor:
                for query in queries.captured_queries:
                    sql = query["sql"]
                    if not sql.lstrip().upper().startswith("SELECT"):
                        continue
                    cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0]
                    scanned = seq_scanned_tables(plan[0]["Plan"] if isinstance(plan, list) else plan)
                    if "panels_intervention" in scanned:
                        seq_scans += 1
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    analysed = "\n".join(row[0] for row in cursor.fetchall())
                    log.write(f"### {path}  ({query['time']} s)\n{sql}\n{analysed}\n\n")
            report[path] = {"queries": len(queries.captured_queries), "intervention_seq_scans": seq_scans}
    return report


def seq_scanned_tables(node):
    found = set()
    if node.get("Node Type") == "Seq Scan":
        found.add(node.get("Relation Name"))
    for child in node.get("Plans", []):
        found |= seq_scanned_tables(child)
    return found


def store_floor_page(body, env):
    from django.db import connection

    from bench.views import FLOOR_TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {FLOOR_TABLE} (slug text PRIMARY KEY, body bytea NOT NULL)")
        cursor.execute(
            f"INSERT INTO {FLOOR_TABLE} (slug, body) VALUES ('debate', %s) "
            "ON CONFLICT (slug) DO UPDATE SET body = EXCLUDED.body",
            [body],
        )


def start_gunicorn(servers, env, log):
    port = free_port()
    command = [str(GUNICORN), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    master = servers.start(command, env=env, log=log, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/healthz")
    deadline = time.monotonic() + 30
    while len(children(master.pid)) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.1)
    return base, master, children(master.pid)


def start_nginx(servers, pages):
    """nginx serving ``pages`` ({file name: bytes}) from a generated config in a temporary folder."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = Path(tempfile.mkdtemp(prefix="archive-bench-nginx-"))
    servers.callback(shutil.rmtree, folder, ignore_errors=True)
    (folder / "www").mkdir()
    for name, page in pages.items():
        (folder / "www" / name).write_bytes(page)
        (folder / "www" / name).chmod(0o644)
    for path in (folder, folder / "www"):
        path.chmod(0o755)
    port = free_port()
    user = ""
    if os.geteuid() == 0:  # the workers run unprivileged
        name = next((n for n in ("www-data", "nobody") if _user_exists(n)), "nobody")
        user = f"user {name};"
    temp_paths = " ".join(
        f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"""{user}
worker_processes {WORKERS};
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    {temp_paths}
    server {{
        listen 127.0.0.1:{port};
        root {folder}/www;
    }}
}}
"""
    )
    process = servers.start([nginx, "-c", str(folder / "nginx.conf"), "-p", str(folder)])
    base = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base}/{next(iter(pages))}")
    return base, children(process.pid)


def _user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def start_redis(servers):
    folder = Path(tempfile.mkdtemp(prefix="archive-bench-redis-"))
    servers.callback(shutil.rmtree, folder, ignore_errors=True)
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    servers.start([*command, "--dir", str(folder)])
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return f"redis://127.0.0.1:{port}/0"
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("bench: redis-server did not start")
        time.sleep(0.05)


def fetch(url, headers=None):
    """Status, headers and body of one request (a 304 or an error status is returned, not raised)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def measure_export(base_url, path, warm_up_path, workers):
    """Stream one export; rows/s and the growth of the serving worker's peak memory over its size before."""
    for _ in range(WORKERS):
        fetch(base_url + warm_up_path)  # a small export first, so that its code is loaded in the workers
    before = {pid: proc_status_kb(pid, "VmRSS") for pid in workers}
    reset_peak_memory(workers)
    growth_kb = 0

    def sample_growth():  # while the workers live: gunicorn may stop one that runs past its timeout
        nonlocal growth_kb
        for pid in workers:
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                growth_kb = max(growth_kb, proc_status_kb(pid, "VmHWM") - before[pid])

    started = time.monotonic()
    lines, complete = 0, True
    try:
        with urllib.request.urlopen(base_url + path, timeout=600) as response:
            while chunk := response.read(1 << 16):
                lines += chunk.count(b"\n")
                if lines % 1000 < chunk.count(b"\n"):
                    sample_growth()
    except (OSError, http.client.HTTPException):
        complete = False  # e.g. gunicorn's worker timeout killed the worker mid-stream
    seconds = time.monotonic() - started
    sample_growth()
    growth = growth_kb / 1024
    rows = max(lines - 1, 0)
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "memory_growth_mb": growth,
        "complete": complete,
    }


def inner(size):
    """One size: data, query counts, then the three servers under load. Runs inside scripts/with-postgres."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SERVER_ENV}
    data = prepare_data(size, env)
    collect_static(env)
    django_setup(env)
    endpoints = choose_endpoints(size)
    debate_path, debate_statements = endpoints["debate"]
    export_path, export_rows = endpoints["export"]
    pages = {
        "debate page": [debate_path],
        "theme page": [endpoints["theme"]],
        "explorer, two filters": [endpoints["explorer_filters"]],
        "API statements, two filters": [endpoints["api_filters"]],
        "explorer, words": [endpoints["explorer_words"]],
        "search mix": SEARCH_MIX,
        "feed, theme": [endpoints["feed_theme"]],
        "feed, explorer selection": [endpoints["feed_selection"]],
    }
    counts = count_and_explain([path for paths in pages.values() for path in paths], size)
    found_relevance = relevance()
    results = {
        "size": size,
        "data": data,
        "debate": {"path": debate_path, "statements": debate_statements},
        "export_path": export_path,
        "export_rows": export_rows,
        "counts": counts,
        "relevance": found_relevance,
        "rows": {},
    }

    def record(name, result, paths=()):
        result["queries"] = max((counts[p]["queries"] for p in paths), default=None)
        result["seq_scans"] = sum(counts[p]["intervention_seq_scans"] for p in paths) if paths else None
        results["rows"][name] = result
        print(f"bench {size:>9,}  {name:<24} {result['rps']:8.1f} req/s  p95 {result['p95']:7.1f} ms", flush=True)

    logs = OUT / f"servers-{size}.log"
    with Servers() as servers:
        uncached_env = {**env, "ARCHIVE_PAGE_CACHE": "0"}
        base, master, workers = start_gunicorn(servers, uncached_env, logs)
        _, _, page = fetch(base + debate_path)
        _, _, theme_page = fetch(base + endpoints["theme"])
        store_floor_page(page, env)
        for name, paths in pages.items():
            record(name, measure(base, paths, workers), paths)
        record("framework floor", measure(base, ["/bench/floor/debate/"], workers))
        churn_slug = debate_path.strip("/").rsplit("/", 1)[1]
        record("explorer, publish churn", churn(base, workers, endpoints["explorer_filters"], churn_slug))
        warm_up = f"/interventions/export.csv?debate={debate_path.strip('/').rsplit('/', 1)[1]}"
        stop(master)  # the export gets fresh workers: memory growth is then the export's own
        export_base, _, export_workers = start_gunicorn(servers, uncached_env, logs)
        results["export"] = measure_export(export_base, export_path, warm_up, export_workers)
        print(f"bench {size:>9,}  CSV export {results['export']}", flush=True)

        nginx_base, nginx_workers = start_nginx(servers, {"debate.html": page, "theme.html": theme_page})
        record("nginx, debate page bytes", measure(nginx_base, ["/debate.html"], nginx_workers))
        record("nginx, theme page bytes", measure(nginx_base, ["/theme.html"], nginx_workers))

    with Servers() as servers:
        cached_env = {**env, "ARCHIVE_PAGE_CACHE": "1", "DJANGO_CACHE_URL": start_redis(servers)}
        base, _, workers = start_gunicorn(servers, cached_env, logs)
        for path in (debate_path, endpoints["theme"]):
            fetch(base + path)
            _, headers, _ = fetch(base + path)
            if headers.get("X-Archive-Cache") != "hit":
                raise SystemExit(f"bench: {path} was not served from the page cache")
        record("debate page, cached", measure(base, [debate_path], workers))
        record("theme page, cached", measure(base, [endpoints["theme"]], workers))
        _, headers, _ = fetch(base + debate_path)
        conditional = measure(base, [debate_path], workers, headers=[f"If-None-Match: {headers['ETag']}"])
        conditional["status"] = conditional_status(base + debate_path, headers["ETag"])
        record("debate page, 304", conditional)
    (OUT / f"results-{size}.json").write_text(json.dumps(results, indent=2))


def commonest_words(count=5):
    """The ``count`` words (stems, as indexed) in the most paragraphs, read off a 2% sample of them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM ts_stat('SELECT search_vector FROM panels_paragraph TABLESAMPLE SYSTEM (2) "
            "REPEATABLE (1)') ORDER BY ndoc DESC, word LIMIT %s",
            [count],
        )
        return [word for (word,) in cursor.fetchall()]


def relevance():
    """Each query's first ten by the site search against an exhaustive ranking, and the time each took.

    A place agrees when it holds the same result, or one exactly as relevant (the same distance: the
    ranking cannot tell them apart, and ties are broken by date and reading order, which the window may
    cut across). Timed in this process, without the cache of ranked windows: the ranking's own cost.
    """
    from search.queries import Search, exhaustive_ranking, site_search

    found = []
    for q in [*commonest_words(), *RELEVANCE_QUERIES]:
        search = Search(q)
        started = time.monotonic()
        window = site_search(search)
        seconds = time.monotonic() - started
        started = time.monotonic()
        everything = exhaustive_ranking(search, limit=10**9)
        exhaustive_seconds = time.monotonic() - started
        places = min(RELEVANCE_PLACES, len(everything))
        agree = sum(
            (a["result_kind"], a["object_id"]) == (b["result_kind"], b["object_id"]) or a["distance"] == b["distance"]
            for a, b in zip(window[:places], everything[:places], strict=False)
        )
        found.append(
            {
                "q": q,
                "matches": len(everything),
                "places": places,
                "agree": agree,
                "ms": seconds * 1000,
                "exhaustive_ms": exhaustive_seconds * 1000,
            }
        )
        print(f"bench relevance {q!r}: {agree}/{places} places, {len(everything):,} matches, {seconds * 1000:.0f} ms")
    return found


def churn(base, workers, path, slug):
    """wrk on ``path`` while the debate ``slug`` is withdrawn and published again every CHURN_SECONDS;
    then how long after a publish its statements are counted, and after a withdrawal gone."""
    from debates.models import Debate

    published, withdrawn = Debate.Status.PUBLISHED, Debate.Status.WITHDRAWN
    debate = Debate.objects.filter(slug=slug)
    done, toggles = threading.Event(), [0]

    def toggle():
        status = withdrawn
        while not done.wait(CHURN_SECONDS):
            debate.update(status=status)
            status = published if status == withdrawn else withdrawn
            toggles[0] += 1
        debate.update(status=published)

    from django.db import connections

    def run_toggles():
        try:
            toggle()
        finally:
            connections.close_all()

    fetch(base + path)
    thread = threading.Thread(target=run_toggles)
    thread.start()
    try:
        result = wrk(base, [path], duration=CHURN_DURATION)
    finally:
        done.set()
        thread.join()
    result["toggles"] = toggles[0]
    result["peak_rss_mb"] = peak_memory_mb(workers)
    wait_until_idle(workers)
    result["counted_after_s"], result["gone_after_s"] = publish_delays(base, workers, slug)
    return result


def publish_delays(base, workers, slug, timeout=120):
    """Seconds from publishing ``slug`` until every worker's explorer counts its statements, and from
    withdrawing it until none does (asked of the API's statements of that debate)."""
    from django.conf import settings

    from debates.models import Debate

    debate = Debate.objects.filter(slug=slug)
    url = f"{base}/api/v1/statements/?debate={slug}"

    def counted():
        # As many requests as it takes for every worker to have answered a few (they take turns unevenly).
        answers = [fetch(url) for _ in range(4 * len(workers))]
        return [status == 200 and b'"results":[]' not in body.replace(b" ", b"") for status, _, body in answers]

    def until(condition):
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if condition(counted()):
                return time.monotonic() - started
            time.sleep(0.1)
        return math.inf

    debate.update(status=Debate.Status.WITHDRAWN)
    until(lambda answers: not any(answers))
    # Let every worker rebuild its index without the debate (after the quiet period the next requests start
    # it), so that publishing it is a debate the index has never held, as a new one is.
    time.sleep(settings.ARCHIVE_FACET_INDEX_QUIET_SECONDS + 1)
    counted()
    wait_until_idle(workers)
    debate.update(status=Debate.Status.PUBLISHED)
    counted_after = until(all)
    wait_until_idle(workers)
    debate.update(status=Debate.Status.WITHDRAWN)
    gone_after = until(lambda answers: not any(answers))
    debate.update(status=Debate.Status.PUBLISHED)
    wait_until_idle(workers)
    return counted_after, gone_after


def conditional_status(url, etag):
    return fetch(url, {"If-None-Match": etag})[0]


# The outer run: every size, the table, RESULTS.md ---------------------------------------------------


def run_size(size, *extra):
    env = {
        **os.environ,
        "PG_WORKDIR": str(VAR / f"pg-{size}"),
        "PG_REQUIRED": "1",
        "PG_EXTRA_OPTS": " ".join(f"-c {name}={value}" for name, value in POSTGRES_SETTINGS.items()),
    }
    marker = VAR / f"pg-{size}.json"
    if marker.exists() and json.loads(marker.read_text()).get("key") != data_key(size):
        shutil.rmtree(VAR / f"pg-{size}", ignore_errors=True)
        marker.unlink()
    subprocess.run(
        [str(ROOT / "scripts" / "with-postgres"), str(PYTHON), __file__, "--inner", str(size), *extra],
        cwd=ROOT,
        env=env,
        check=True,
    )


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = proc_meminfo_gib()

    def version(command, pattern=r"[\d.]+"):
        try:
            output = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError:
            return "?"
        match = re.search(pattern, output.stdout + output.stderr)
        return match.group(0) if match else "?"

    pg_bin = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))), Path("postgres"))
    django_version = subprocess.run(
        [
            str(PYTHON),
            "-c",
            "import django, gunicorn, psycopg; print(django.__version__, gunicorn.__version__, psycopg.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django_version[0],
        "gunicorn": django_version[1],
        "psycopg": django_version[2],
        "postgresql": version([str(pg_bin), "--version"]),
        "nginx": version(["nginx", "-v"]),
        "wrk": version(["wrk", "--version"], r"\d[\w.+-]*"),
        "redis": version(["redis-server", "--version"], r"v=([\d.]+)").removeprefix("v="),
        "load": os.getloadavg(),
    }


def proc_meminfo_gib():
    match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return round(int(match.group(1)) / 1024 / 1024, 1)


ROW_ORDER = [
    "debate page",
    "theme page",
    "explorer, two filters",
    "explorer, words",
    "API statements, two filters",
    "search mix",
    "explorer, publish churn",
    "framework floor",
    "nginx, debate page bytes",
    "nginx, theme page bytes",
    "debate page, cached",
    "theme page, cached",
    "debate page, 304",
]


def nginx_of(rows, name):
    """nginx's requests/s for the same bytes as the row ``name`` serves (the theme page's, or the debate page's)."""
    reference = "nginx, theme page bytes" if name.startswith("theme page") else "nginx, debate page bytes"
    return rows.get(reference, {}).get("rps") or math.nan


def table(results):
    rows = results["rows"]
    floor = rows["framework floor"]["rps"] or math.nan
    lines = [
        f"**{results['size']:,} statements** (debate page: {results['debate']['path']}, "
        f"{results['debate']['statements']} statements)",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | SQL/req | seq scans | peak RSS MB "
        "| × nginx (same bytes) | × floor | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in (name for name in ROW_ORDER if name in rows):
        row = rows[name]
        queries = "–" if row.get("queries") is None else row["queries"]
        scans = "–" if row.get("seq_scans") is None else row["seq_scans"]
        lines.append(
            f"| {name}{' †' if row.get('sequential') else ''} | {row['rps']:,.1f} "
            f"| {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | {queries} "
            f"| {scans} | {row['peak_rss_mb']:.0f} | {row['rps'] / nginx_of(rows, name):.1%} "
            f"| {row['rps'] / floor:.0%} | {row['errors']} |"
        )
    export = results["export"]
    broken = "" if export["complete"] else " **The stream broke off before the end** (the worker was stopped)."
    lines += [
        "",
        f"† too slow for wrk (a request took over {SLOW_SECONDS:.0f} s): {SLOW_SAMPLES} requests one after the "
        "other instead, so req/s is one connection's and the percentiles are of those few requests.",
        "",
        f"CSV export `{results['export_path']}` (about {results['export_rows']:,} rows): {export['rows']:,} rows "
        f"in {export['seconds']:.1f} s = **{export['rows_per_s']:,.0f} rows/s**, worker peak memory growth "
        f"**{export['memory_growth_mb']:.1f} MB**.{broken}",
    ]
    churned = results["rows"].get("explorer, publish churn")
    if churned:
        lines += [
            "",
            f"Explorer during publish churn: `{results['debate']['path']}` withdrawn or published again every "
            f"{CHURN_SECONDS} s ({churned['toggles']} changes) while wrk asked for the explorer "
            f"for {CHURN_DURATION} s: "
            f"p99 **{churned['p99']:.1f} ms**. After a publish its statements were counted by every worker "
            f"after **{churned['counted_after_s']:.1f} s** (the index is rebuilt in the background once the "
            "archive has been quiet for `ARCHIVE_FACET_INDEX_QUIET_SECONDS`); after a withdrawal they were gone "
            f"after **{churned['gone_after_s']:.2f} s**.",
        ]
    if results.get("relevance"):
        lines += [
            "",
            "Search relevance: the first 10 results against an exhaustive ranking of every match (a place agrees "
            "when it holds the same result or one exactly as relevant); the time is the ranking's own, "
            "in-process, without the cache of ranked windows.",
            "",
            "| query | matches | places agreeing | ranking ms | exhaustive ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for found in results["relevance"]:
            lines.append(
                f"| `{found['q']}` | {found['matches']:,} | {found['agree']}/{found['places']} "
                f"| {found['ms']:.0f} | {found['exhaustive_ms']:,.0f} |"
            )
        timings = sorted(found["ms"] for found in results["relevance"])
        lines += [
            "",
            f"Ranking time over these {len(timings)} queries: p95 **{percentile(timings, 95):.0f} ms**, "
            f"longest {timings[-1]:.0f} ms (a search's window is then kept under the change stamp).",
        ]
    return "\n".join(lines)


def percentile(values, p):
    """The ``p``-th percentile of sorted ``values`` (nearest rank)."""
    return values[min(len(values) - 1, max(0, math.ceil(p / 100 * len(values)) - 1))]


def targets(all_results):
    """Each target with its measured value and whether it is met, judged on the largest size."""
    largest = max(all_results, key=lambda r: r["size"])
    rows = largest["rows"]
    checks = []

    def check(label, value, met):
        checks.append(f"- {'met' if met else '**NOT met**'}: {label}: {value}")

    for name in (
        "explorer, two filters",
        "API statements, two filters",
        "search mix",
        "feed, theme",
        "feed, explorer selection",
    ):
        if name not in rows:  # results of a run from before the row was added (--report-only)
            check(f"{name} p95 ≤ 100 ms at {largest['size']:,}", "not measured", False)
            continue
        check(f"{name} p95 ≤ 100 ms at {largest['size']:,}", f"{rows[name]['p95']:.1f} ms", rows[name]["p95"] <= 100)
    ratio = rows["debate page"]["rps"] / (rows["framework floor"]["rps"] or math.nan)
    check("uncached debate page ≥ 50% of the framework floor", f"{ratio:.0%}", ratio >= 0.5)
    for name in ("debate page, cached", "theme page, cached"):
        ratio = rows[name]["rps"] / nginx_of(rows, name)
        check(f"{name} ≥ 10% of nginx serving the same bytes", f"{ratio:.1%}", ratio >= 0.10)
    conditional = rows["debate page, 304"]
    check(
        "unchanged pages answer If-None-Match with 304",
        f"status {conditional['status']}, {conditional['errors']} errors",
        conditional["status"] == 304 and conditional["errors"] == 0,
    )
    # Per endpoint, the most queries any of its URLs ran (a search with no result skips the queries of results).
    per_size = {
        r["size"]: {name: row["queries"] for name, row in r["rows"].items() if row.get("queries") is not None}
        for r in all_results
    }
    names = set.intersection(*(set(counts) for counts in per_size.values()))
    worst = max(max(counts.values()) for counts in per_size.values())
    constant = all(len({per_size[size][name] for size in per_size}) == 1 for name in names)
    check(
        "SQL queries per page constant across sizes and ≤ 12",
        f"at most {worst} per page; {'the same' if constant else 'NOT the same'} at every size",
        constant and worst <= 12,
    )
    export = largest["export"]
    check(
        "CSV export ≥ 20,000 rows/s, to the end",
        f"{export['rows_per_s']:,.0f} rows/s over {export['rows']:,} of {largest['export_rows']:,} rows",
        export["rows_per_s"] >= 20_000 and export["complete"],
    )
    check("CSV export memory growth < 100 MB", f"{export['memory_growth_mb']:.1f} MB", export["memory_growth_mb"] < 100)
    scans = sum(c["intervention_seq_scans"] for r in all_results for c in r["counts"].values())
    check("no sequential scan of the statement table behind the pages", f"{scans} found", scans == 0)
    if largest.get("relevance"):
        allowed = {RELEVANCE_PLACES: 1}  # 9 of 10; with fewer results, all of them
        short = [f for f in largest["relevance"] if f["agree"] < f["places"] - allowed.get(f["places"], 0)]
        check(
            f"search relevance: {len(largest['relevance'])} queries' first {RELEVANCE_PLACES} agree with an "
            "exhaustive ranking in ≥ 9 of 10 places",
            f"lowest {min(f['agree'] for f in largest['relevance'])} of {RELEVANCE_PLACES}"
            + (f"; short: {', '.join(f['q'] for f in short)}" if short else ""),
            not short,
        )
    else:
        check("search relevance against an exhaustive ranking", "not measured", False)
    if "explorer, publish churn" in rows:
        churned = rows["explorer, publish churn"]
        check(
            f"explorer p99 ≤ 200 ms at {largest['size']:,} while a debate is withdrawn and published every "
            f"{CHURN_SECONDS} s",
            f"{churned['p99']:.1f} ms ({churned['errors']} errors)",
            churned["p99"] <= 200 and churned["errors"] == 0,
        )
        check(
            "a withdrawn debate's statements leave every count at once",
            f"gone after {churned['gone_after_s']:.2f} s; a published one's counted after "
            f"{churned['counted_after_s']:.1f} s",
            churned["gone_after_s"] < 1,
        )
    else:
        check("explorer p99 during publish churn", "not measured", False)
    generated = largest["data"]["generation_seconds"]
    check(f"generate {largest['size']:,} statements in under 5 minutes", f"{generated:.0f} s", generated < 300)
    return "\n".join(checks)


def write_results(all_results, info, started):
    tables = "\n\n".join(table(r) for r in sorted(all_results, key=lambda r: r["size"]))
    load = ", ".join(f"{x:.2f}" for x in info["load"])
    generation = ", ".join(
        f"{r['size']:,}: {r['data']['generation_seconds']:.0f} s (on {r['data']['generated_on']})" for r in all_results
    )
    settings = ", ".join(f"{k}={v}" for k, v in POSTGRES_SETTINGS.items())
    machine_lines = "\n".join(
        [
            f"- {info['cpus']} CPUs ({info['cpu']}), {info['memory_gib']} GiB memory, Linux {info['kernel']}",
            f"- load average when the run started: {load} (the benchmark shares the machine with whatever else runs)",
            f"- Python {info['python']}, Django {info['django']}, gunicorn {info['gunicorn']} ({WORKERS} sync "
            f"workers), psycopg {info['psycopg']}",
            f"- PostgreSQL {info['postgresql']} ({settings}; fsync off, as a benchmark may)",
            f"- nginx {info['nginx']}, Redis {info['redis']}, wrk {info['wrk']} (1 thread, {CONNECTIONS} "
            f"connections, {DURATION} s per endpoint after {WARMUP} s of warm-up)",
        ]
    )
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    analysis = previous.split(ANALYSIS_MARKER, 1)[1] if ANALYSIS_MARKER in previous else "\n"
    text = f"""# Benchmark results

Written by `make bench` (bench/run.py) on {started:%Y-%m-%d %H:%M} UTC; the Markdown tables below are what it printed.

## Machine

{machine_lines}
- everything on this one machine: wrk, nginx, gunicorn and PostgreSQL share its {info["cpus"]} CPUs

Data generation (`generate_synthetic`, COPY): {generation}.

## Results

{tables}

## Targets

{targets(all_results)}

{ANALYSIS_MARKER}{analysis}"""
    RESULTS.write_text(text)


def outer(sizes, *, report_only=False):
    """Run every size (unless ``report_only``: the last run's results), print the tables, write RESULTS.md."""
    OUT.mkdir(parents=True, exist_ok=True)
    if report_only:
        run = json.loads((OUT / "run.json").read_text())
    else:
        # The import preview first, in a process of its own: it is quick and needs no data.
        subprocess.run([str(PYTHON), __file__, "--only", "import"], cwd=ROOT, check=True)
        run = {"started": datetime.datetime.now(datetime.UTC).isoformat(), "machine": machine()}
        (OUT / "run.json").write_text(json.dumps(run))
        for size in sizes:
            run_size(size)
    started, info = datetime.datetime.fromisoformat(run["started"]), run["machine"]
    all_results = [json.loads((OUT / f"results-{size}.json").read_text()) for size in sizes]
    for results in all_results:
        print()
        print(table(results))
    print()
    print(targets(all_results))
    write_results(all_results, info, started)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}.")


# Import preview ------------------------------------------------------------------------------------

IMPORT_SECTION_BEGIN = "<!-- import-preview: written by bench/run.py --only import -->"
IMPORT_SECTION_END = "<!-- end of import-preview -->"
IMPORT_REPEATS = 3


def import_preview_bench():
    """Time ``summary_preview`` (limits, parsing, classification) on inputs growing tenfold, and on hostile ones.

    Sizes grow by ten, so linear work shows ratios near 10 (the issue's quadratic patterns gave 100).  Each
    time is the best of :data:`IMPORT_REPEATS` runs, in this process, with no database.  The section is
    written below the hand-written marker of RESULTS.md, so the main benchmark keeps it.
    """
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="bench", DATABASE_URL=""
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from panels.importing import SummaryImportError, summary_preview

    summary = (ROOT / "fixtures" / "sources" / "2011-informal-thematic-debate-summary.txt").read_text()

    def of_size(size):
        copies = [summary.replace("Panel 1", f"Panel {n % 6 + 1}") for n in range(size // len(summary) + 1)]
        return "\n\n".join(copies)[:size].rsplit("\n", 1)[0] + "\n"

    def wrapped(count):
        return "\n\n".join(
            f"One panelist noted that the point numbered {n}\nwas made\non five short\nlines." for n in range(count)
        )

    inputs = [
        ("10 KB of the 2011 summary", of_size(10_000)),
        ("100 KB", of_size(100_000)),
        ("1 MB", of_size(1_000_000)),
        ("100,000 spaces on one line", "Introduction\n\n" + " " * 100_000 + "\n\nSome participants noted it.\n"),
        ("a 145 KB one-sentence paragraph", "Introduction\n\nSome participants noted that " + "very " * 29_000 + ".\n"),
        ("50,000 short lines", "Introduction\n\n" + wrapped(10_000) + "\n"),
        ("19,996 short lines (the limit is 20,000)", "Introduction\n\n" + wrapped(3_999) + "\n"),
    ]
    rows = []
    for name, text in inputs:
        best = math.inf
        for _ in range(IMPORT_REPEATS):
            started = time.perf_counter()
            try:
                proposed = summary_preview(text=text, title="Benchmark", date="2011-04-14")
                outcome = f"previewed: {len(proposed.paragraphs):,} paragraphs, {len(proposed.statements):,} statements"
            except SummaryImportError as error:
                outcome = f"refused: {error.message.split(';')[0]}"
            best = min(best, time.perf_counter() - started)
        rows.append((name, len(text.encode()), len(text.splitlines()), best, outcome))
        print(f"import preview: {name}: {best:.3f} s ({outcome})", flush=True)

    lines = [
        IMPORT_SECTION_BEGIN,
        "## Import preview",
        "",
        f"Written by `bench/run.py --only import` (also the first part of `make bench`) on "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, on {os.cpu_count()} CPUs "
        f"({machine_cpu()}), Python {platform.python_version()}; load average at the start "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}. `summary_preview` (the limits, rebuilding the "
        f"paragraphs, finding and classifying the statements), best of {IMPORT_REPEATS} runs; the preview page "
        "then renders at most 100 paragraphs.",
        "",
        "| input | bytes | lines | seconds | × the size before | outcome |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for index, (name, size, line_count, seconds, outcome) in enumerate(rows):
        ratio = f"{seconds / rows[index - 1][3]:.1f}" if 0 < index < 3 else ""
        lines.append(f"| {name} | {size:,} | {line_count:,} | {seconds:.3f} | {ratio} | {outcome} |")
    lines += [
        "",
        "Sizes grow tenfold from row to row in the first three rows: a ratio near 10 is linear growth (before the "
        "fix, doubling a run of spaces quadrupled the time).",
        IMPORT_SECTION_END,
    ]
    section = "\n".join(lines)
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if IMPORT_SECTION_BEGIN in text and IMPORT_SECTION_END in text:
        before, rest = text.split(IMPORT_SECTION_BEGIN, 1)
        text = before + section + rest.split(IMPORT_SECTION_END, 1)[1]
    else:
        if ANALYSIS_MARKER not in text:
            text = text.rstrip("\n") + "\n\n" + ANALYSIS_MARKER + "\n"
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text)


def machine_cpu():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    return next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())


# Soak -----------------------------------------------------------------------------------------------


def soak_inner(size):
    """50 connections for SOAK_SECONDS against the production server; errors and worker memory.

    The page cache is off, so that every request runs its view: a leak in a view would show.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SERVER_ENV, "ARCHIVE_PAGE_CACHE": "0"}
    prepare_data(size, env)
    collect_static(env)
    django_setup(env)
    endpoints = choose_endpoints(size)
    paths = [
        "/",
        "/debates/",
        endpoints["debate"][0],
        *(f"/debates/synthetic-{n:07d}/" for n in range(1, 11)),
        endpoints["theme"],
        "/themes/freedom-to-live-in-dignity/?page=2",
        "/topics/",
        "/participants/",
        endpoints["explorer_filters"],
        endpoints["explorer_words"],
        *(f"/interventions/?page={n}" for n in range(1, 6)),
        "/interventions/export.csv?debate=synthetic-0000003",
        *SEARCH_MIX,
    ]
    with Servers() as servers:
        base, master, workers = start_gunicorn(servers, env, OUT / "soak-servers.log")
        wrk(base, paths, duration=20, connections=SOAK_CONNECTIONS, threads=2, timeout=30)  # warm-up
        start_rss = {pid: proc_status_kb(pid, "VmRSS") / 1024 for pid in workers}
        result = wrk(base, paths, duration=SOAK_SECONDS, connections=SOAK_CONNECTIONS, threads=2, timeout=30)
        end_rss = {
            pid: proc_status_kb(pid, "VmRSS") / 1024 if Path(f"/proc/{pid}").exists() else None for pid in workers
        }
        same_workers = sorted(children(master.pid)) == sorted(workers)
    report = {
        "size": size,
        "seconds": SOAK_SECONDS,
        "connections": SOAK_CONNECTIONS,
        "requests": result["requests"],
        "rps": result["rps"],
        "p95": result["p95"],
        "p99": result["p99"],
        "errors": result["error_detail"],
        "start_rss_mb": start_rss,
        "end_rss_mb": end_rss,
        "same_workers": same_workers,
    }
    (OUT / "soak.json").write_text(json.dumps(report, indent=2))


def soak():
    started = datetime.datetime.now(datetime.UTC)
    info = machine()
    VAR.mkdir(parents=True, exist_ok=True)
    run_size(SOAK_SIZE, "--soak")
    report = json.loads((OUT / "soak.json").read_text())
    growth = {
        pid: (report["end_rss_mb"][pid] - start) if report["end_rss_mb"].get(pid) is not None else None
        for pid, start in report["start_rss_mb"].items()
    }
    errors = sum(report["errors"].values())
    memory_ok = all(g is not None and g <= SOAK_MEMORY_TOLERANCE_MB for g in growth.values())
    passed = errors == 0 and memory_ok and report["same_workers"]
    lines = [
        "# Soak test",
        "",
        f"Written by `make soak` (bench/run.py --soak) on {started:%Y-%m-%d %H:%M} UTC, on {info['cpus']} CPUs "
        f"({info['cpu']}), {info['memory_gib']} GiB, Linux {info['kernel']}; load average at the start "
        f"{', '.join(f'{x:.2f}' for x in info['load'])}.",
        "",
        f"{report['connections']} wrk connections for {report['seconds']} s against gunicorn (2 sync workers, "
        f"DEBUG off, production settings) on PostgreSQL with {report['size']:,} synthetic statements, cycling "
        "through the home page, lists, ten debate pages, theme pages, explorer pages, a small CSV export and "
        "the search mix, with the page cache off so that every request runs its view.",
        "",
        f"- requests: {report['requests']:,} ({report['rps']:,.0f}/s), p95 {report['p95']:.0f} ms, "
        f"p99 {report['p99']:.0f} ms",
        f"- errors (connect, read, write, timeout, non-2xx/3xx): {report['errors']} → "
        f"{'none' if errors == 0 else f'**{errors}**'}",
        "- worker memory (RSS, MB) after warm-up → at the end: "
        + "; ".join(
            f"{report['start_rss_mb'][pid]:.0f} → {report['end_rss_mb'][pid] or 0:.0f} (+{growth[pid] or 0:.1f})"
            for pid in report["start_rss_mb"]
        )
        + f"; tolerance {SOAK_MEMORY_TOLERANCE_MB} MB per worker",
        f"- the same worker processes served from start to end (none crashed or was replaced): "
        f"{'yes' if report['same_workers'] else '**no**'}",
        "",
        f"**{'PASSED' if passed else 'FAILED'}**",
        "",
    ]
    SOAK_RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))
    if not passed:
        raise SystemExit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "10000 1000000")
    parser.add_argument("--soak", action="store_true", help="the soak test instead of the benchmark")
    parser.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from the last run's results")
    parser.add_argument("--inner", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=["import"], help="only the import preview's timings (quick, no data)")
    args = parser.parse_args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, raise_on_signal)
    if args.only == "import":
        import_preview_bench()
    elif args.inner and args.soak:
        soak_inner(args.inner)
    elif args.inner:
        inner(args.inner)
    elif args.soak:
        soak()
    else:
        outer([int(size) for size in args.sizes.replace(",", " ").split()], report_only=args.report_only)


if __name__ == "__main__":
    main()
