"""Batch benchmarks for `workbook`, run on the release binary:

1. throughput: `workbook batch` of 100 rows against 100 separate
   `workbook build` processes (same machine, same run);
2. memory: peak RSS of a batch of 1,000 rows against one of 10 rows.

usage: cargo build --release && python3 benches/batch.py [target/release/workbook]
"""
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/workbook")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", LANG="C")
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Emil", "Fatima", "Grace", "Hugo", "Ines", "Jon"]


def names(i):
    return f"{FIRST[i % 10]} {i} & {FIRST[(i + 3) % 10]} {i}"


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["names"])
        for i in range(rows):
            w.writerow([names(i)])


def run_measured(args, cwd):
    """Runs a command; returns (seconds, peak RSS of this child in MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    # A fresh Python child per measurement, so ru_maxrss is this run's peak.
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    del before
    return seconds, int(out.stdout.strip()) / 1024


def main():
    jobs = os.cpu_count() or 2
    with tempfile.TemporaryDirectory() as tmp:
        write_csv(os.path.join(tmp, "100.csv"), 100)
        os.mkdir(os.path.join(tmp, "batch"))
        batch_s, batch_rss = run_measured([BIN, "batch", "100.csv", "--out-dir", "batch", "--jobs", str(jobs)], tmp)
        os.mkdir(os.path.join(tmp, "single"))
        start = time.perf_counter()
        for i in range(100):
            subprocess.run([BIN, "build", "--names", names(i), "-o", f"single/{i}.pdf"], cwd=tmp, env=ENV, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        single_s = time.perf_counter() - start
        print(f"100 workbooks, one `batch --jobs {jobs}`:   {batch_s:6.1f} s  ({100 / batch_s:5.1f} per second)")
        print(f"100 workbooks, 100 `build` processes:  {single_s:6.1f} s  ({100 / single_s:5.1f} per second)")
        print(f"throughput ratio batch / processes:     {single_s / batch_s:5.2f}x")

        for rows in (10, 1000):
            write_csv(os.path.join(tmp, f"{rows}.csv"), rows)
            out = os.path.join(tmp, f"out{rows}")
            os.mkdir(out)
            s, rss = run_measured([BIN, "batch", f"{rows}.csv", "--out-dir", out, "--jobs", str(jobs)], tmp)
            print(f"batch of {rows:5d} rows: {s:6.1f} s, peak RSS {rss:6.0f} MiB")


if __name__ == "__main__":
    main()
