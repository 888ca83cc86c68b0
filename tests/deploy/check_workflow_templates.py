#!/usr/bin/python3
"""installer/github-actions' workflow templates: parsed with PyYAML, their required keys checked, and
their ingest and history steps run.

1. Each template parses and has: its on.schedule cron (05:00 UTC for `daily`, 04:00 UTC for `github`),
   on.workflow_dispatch, jobs.*.runs-on and steps, bash as the run shell (pipefail, PIPESTATUS), the
   secrets in the job's environment (DATABASE_URL, PGPASSWORD, the API key or token), a step that
   installs the .deb, the `ferry ingest PIPELINE` step with nothing that hides its exit status, a
   `ferry history --json` step and an actions/upload-artifact step with its stderr log and history,
   both `if: failure()`. Each requirement is also dropped from a copy, which must then fail the check.
2. The ingest and history steps' scripts run under bash as the runner would run them (GITHUB_ENV,
   GITHUB_STEP_SUMMARY, the job's env), with the built ferry first on PATH, against a local API server:
   refused credentials make the step exit 1 with ferry-stderr.log written and the history step's
   ferry-history.json holding the failed run; accepted ones make it exit 0.
Usage: check_workflow_templates.py FERRY_BINARY   (Debian's /usr/bin/python3 with python3-yaml)
"""
import copy
import http.server
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading

import yaml

TEMPLATES = pathlib.Path(__file__).resolve().parents[2] / "installer" / "github-actions"
# file -> (cron, pipeline, the secret the pipeline's API needs, as the job's env names it)
EXPECTED = {
    "ferry-ingest-daily.yml": ("0 5 * * *", "daily", "FMP_API_KEY"),
    "ferry-ingest-github.yml": ("0 4 * * *", "github", "GITHUB_TOKEN"),
}


def triggers(doc):
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return doc.get("on", doc.get(True))


def steps_of(doc):
    for job in (doc.get("jobs") or {}).values():
        if isinstance(job, dict):
            yield from (s for s in job.get("steps") or [] if isinstance(s, dict))


def find_step(doc, text):
    return next((s for s in steps_of(doc) if text in str(s.get("run", "")) or text in str(s.get("uses", ""))),
                None)


def on_failure(step):
    return step is not None and "failure()" in str(step.get("if", ""))


def problems(doc, cron, pipeline, api_secret):
    """Everything the template lacks, as sentences; empty when it is complete."""
    errors = []
    on = triggers(doc)
    if not isinstance(on, dict):
        return ["no 'on:' mapping"]
    crons = [e.get("cron") for e in on.get("schedule") or [] if isinstance(e, dict)]
    if cron not in crons:
        errors.append(f"on.schedule lacks cron '{cron}' (has {crons})")
    if "workflow_dispatch" not in on:
        errors.append("on lacks workflow_dispatch")
    jobs = doc.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return errors + ["no jobs"]
    for name, job in jobs.items():
        if not isinstance(job, dict):
            errors.append(f"jobs.{name} is not a mapping")
            continue
        if not job.get("runs-on"):
            errors.append(f"jobs.{name} lacks runs-on")
        if not isinstance(job.get("steps"), list) or not job["steps"]:
            errors.append(f"jobs.{name} lacks steps")
        if ((job.get("defaults") or {}).get("run") or {}).get("shell") != "bash":
            errors.append(f"jobs.{name} does not run its steps with bash")
        env = job.get("env") or {}
        for variable in ("DATABASE_URL", "PGPASSWORD", api_secret):
            if "secrets." not in str(env.get(variable, "")):
                errors.append(f"jobs.{name}.env.{variable} does not come from the repository's secrets")
    if not any("apt-get install" in line and "ferry.deb" in line
               for s in steps_of(doc) for line in str(s.get("run", "")).splitlines()):
        errors.append("no step installs ferry.deb")
    ingest = find_step(doc, f"ferry ingest {pipeline}")
    if ingest is None:
        errors.append(f"no step runs `ferry ingest {pipeline}`")
    else:
        if ingest.get("continue-on-error") or "if" in ingest:
            errors.append("the ingest step hides or skips its failure (continue-on-error or if)")
        if 'exit "$status"' not in ingest["run"] or "ferry-stderr.log" not in ingest["run"]:
            errors.append("the ingest step neither keeps stderr in ferry-stderr.log nor exits with ferry's status")
    history = find_step(doc, "ferry history --json")
    if not on_failure(history):
        errors.append("no `ferry history --json` step with if: failure()")
    upload = find_step(doc, "actions/upload-artifact@")
    if not on_failure(upload):
        errors.append("no actions/upload-artifact step with if: failure()")
    else:
        path = str((upload.get("with") or {}).get("path", ""))
        for f in ("ferry-stderr.log", "ferry-history.json"):
            if f not in path:
                errors.append(f"the upload leaves out {f}")
    return errors


def mutants(doc, pipeline, api_secret):
    """(what was dropped, a copy of doc without it), one for each requirement."""
    def edit(what, change):
        d = copy.deepcopy(doc)
        change(d)
        return what, d

    job = next(iter(doc["jobs"]))

    def drop_step(d, text):
        for j in d["jobs"].values():
            j["steps"] = [s for s in j["steps"] if s is not find_step(d, text)]

    on_key = "on" if "on" in doc else True
    yield edit("the schedule", lambda d: d[on_key].pop("schedule"))
    yield edit("the cron time", lambda d: d[on_key]["schedule"][0].update(cron="0 6 * * *"))
    yield edit("workflow_dispatch", lambda d: d[on_key].pop("workflow_dispatch"))
    yield edit("runs-on", lambda d: d["jobs"][job].pop("runs-on"))
    yield edit("steps", lambda d: d["jobs"][job].pop("steps"))
    yield edit("the bash shell", lambda d: d["jobs"][job].pop("defaults"))
    for variable in ("DATABASE_URL", "PGPASSWORD", api_secret):
        yield edit(f"env {variable}", lambda d, v=variable: d["jobs"][job]["env"].pop(v))
    yield edit("the install step", lambda d: drop_step(d, "apt-get install -y -qq --no-install-recommends \"$RUNNER_TEMP/ferry.deb\""))
    yield edit("the ingest step", lambda d: drop_step(d, f"ferry ingest {pipeline}"))
    yield edit("the ingest step's status", lambda d: find_step(d, f"ferry ingest {pipeline}").update(
        {"continue-on-error": True}))
    yield edit("the history step", lambda d: drop_step(d, "ferry history --json"))
    yield edit("the history step's if", lambda d: find_step(d, "ferry history --json").pop("if"))
    yield edit("the upload", lambda d: drop_step(d, "actions/upload-artifact@"))
    yield edit("the upload's if", lambda d: find_step(d, "actions/upload-artifact@").pop("if"))
    yield edit("the upload's history", lambda d: find_step(d, "actions/upload-artifact@")["with"].update(
        path="ferry-stderr.log"))


class Api(http.server.BaseHTTPRequestHandler):
    """GitHub and FMP alike for this check: the token or apikey "good" gets an answer (no pull requests; a
    price and a valuation for any symbol), any other a 401."""

    def do_GET(self):
        good = "good" in self.headers.get("Authorization", "") or "apikey=good" in self.path
        body = {"message": "Bad credentials"}
        if good and "/historical-price-full/" in self.path:
            body = {"historical": [{"date": "2026-11-27", "open": 1, "high": 2, "low": 1, "close": 2,
                                    "volume": 100}]}
        elif good and "/discounted-cash-flow/" in self.path:
            body = [{"date": "2026-11-27", "dcf": 3.5, "Stock Price": 2}]
        elif good:
            body = []
        self.send_response(200 if good else 401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *args):
        pass


def run_step(step, env, cwd):
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env,
                          cwd=cwd, capture_output=True, text=True, timeout=60)


def read_github_env(path):
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def run_template(doc, pipeline, api_secret, ferry, port, secret, root):
    """Runs the ingest step, then (when it failed) the history step, in a new folder under root (the
    checkout); returns (status, folder)."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="checkout-", dir=root))
    (work / "ferry").mkdir()
    (work / "ferry" / "tickers.txt").write_text("AAPL\n")
    api = f"http://127.0.0.1:{port}"
    ingestion = ({"market": {"api_url": api, "tickers_file": "ferry/tickers.txt"}} if pipeline == "daily"
                 else {"github": {"api_url": api, "repositories": ["octo/hello"]}})
    (work / "ferry" / "config.json").write_text(json.dumps({"ingestion": ingestion}))
    job = next(iter(doc["jobs"].values()))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "FERRY_CONFIG", "FERRY_DATA_DIR")}
    env.update(PATH=f"{pathlib.Path(ferry).parent}:{env['PATH']}", GITHUB_ENV=str(work / "github_env"),
               GITHUB_STEP_SUMMARY=str(work / "summary.md"), FERRY_CONFIG=job["env"]["FERRY_CONFIG"],
               FERRY_DATA_DIR=str(work / "ferry-data"))
    env[api_secret] = secret
    (work / "github_env").write_text("")
    result = run_step(find_step(doc, f"ferry ingest {pipeline}"), env, work)
    if result.returncode != 0:
        env.update(read_github_env(work / "github_env"))
        history = run_step(find_step(doc, "ferry history --json"), env, work)
        if history.returncode != 0:
            sys.exit(f"the history step failed: {history.stderr}{(work / 'ferry-stderr.log').read_text()}")
    return result.returncode, work


def main():
    ferry = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
    found = sorted(p.name for p in TEMPLATES.glob("*.yml"))
    if found != sorted(EXPECTED):
        sys.exit(f"templates in {TEMPLATES}: {found}, expected {sorted(EXPECTED)}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="ferry-workflows-") as root:
        failed = check_all(ferry, server.server_address[1], root)
    server.shutdown()
    return 1 if failed else 0


def check_all(ferry, port, root):
    failed = False
    for name, (cron, pipeline, api_secret) in EXPECTED.items():
        doc = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
        errors = problems(doc, cron, pipeline, api_secret)
        if errors:
            print(f"{name}: " + "; ".join(errors))
            failed = True
            continue
        missed = [what for what, mutant in mutants(doc, pipeline, api_secret)
                  if not problems(mutant, cron, pipeline, api_secret)]
        if missed:
            print(f"{name}: the check misses a template without: {', '.join(missed)}")
            failed = True
            continue
        print(f"{name}: parses; cron '{cron}', workflow_dispatch, runs-on, steps, secrets, upload on failure "
              f"(dropping each of them is caught)")

        status, work = run_template(doc, pipeline, api_secret, ferry, port, "refused", root)
        history = json.loads((work / "ferry-history.json").read_text()) if status else []
        stderr = (work / "ferry-stderr.log").read_text()
        summary = (work / "summary.md").read_text()
        if status != 1 or "401" not in stderr or "exited 1" not in summary or not history or \
                any(run["status"] != "failed" for run in history if run["task_name"] != "tickers"):
            print(f"{name}: refused credentials: step exit {status}, stderr {stderr!r}, history {history}")
            failed = True
            continue
        status, work = run_template(doc, pipeline, api_secret, ferry, port, "good", root)
        if status != 0:
            print(f"{name}: accepted credentials: step exit {status}: {(work / 'ferry-stderr.log').read_text()}")
            failed = True
            continue
        print(f"{name}: the ingest step exits 1 on refused credentials (stderr kept, history of "
              f"{len(history)} run(s) written) and 0 on accepted ones")
    return failed


if __name__ == "__main__":
    sys.exit(main())
