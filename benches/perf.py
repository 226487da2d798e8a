"""The performance table in docs/src/performance.md, measured in one run on one machine.

1. one `workbook build` against one `typst compile` of the ejected project
   (same templates, fonts and data; `--ignore-system-fonts --font-path`),
   whole processes, in paired runs (medians, and the median of the ratios);
2. a `workbook batch` of 100 couples against 100 `typst compile` runs, each
   with that couple's `couple.json` (`data.json` is the same for all), and
   against 100 separate `workbook build` processes;
3. peak memory (RSS) of a batch of 10 rows and of one of 1,000 rows;
4. file sizes: the default A4 book, `--fillable`, `--booklet`.

usage:
    cargo build --profile dist --locked     (the profile of the published binaries)
    python3 benches/perf.py [--typst PATH] [--pairs 30] [--couples 100] [--rows 1000]

typst-cli must be the version workbook embeds (0.15.1). Without --typst the
script looks for `typst` on PATH, then in /tmp/typst-cli/bin; to install it
(about 8 to 12 minutes on 2 cores):
    cargo install typst-cli --version 0.15.1 --locked --root /tmp/typst-cli
Run it on a quiet machine: every figure is a wall-clock time.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", LANG="C")
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Emil", "Fatima", "Grace", "Hugo", "Ines", "Jon"]
TYPST_ARGS = ["compile", "templates/workbook.typ", "out.pdf", "--root", ".",
              "--font-path", "assets/fonts", "--ignore-system-fonts"]
# The peak RSS of the command it runs, from a fresh Python child, so that
# ru_maxrss is that command's alone.
PROBE = ("import resource, subprocess, sys;"
         "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
         "sys.stderr.write(r.stderr.decode()) if r.returncode else None;"
         "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def names(i):
    return f"{FIRST[i % 10]} {i} & {FIRST[(i + 3) % 10]} {i}"


def run(args, cwd):
    subprocess.run(args, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(args, cwd):
    start = time.perf_counter()
    run(args, cwd)
    return time.perf_counter() - start


def measured(args, cwd):
    """Runs a command; gives (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=ENV,
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    code, rss = out.stdout.split()
    if code != "0":
        sys.exit(f"{' '.join(args)} failed:\n{out.stderr}")
    return seconds, int(rss) / 1024


def write_csv(path, rows):
    with open(path, "w") as f:
        f.write("names\n")
        for i in range(rows):
            f.write(f"{names(i)}\n")


def find_typst(given):
    for candidate in [given, shutil.which("typst"), "/tmp/typst-cli/bin/typst"]:
        if candidate and os.path.exists(candidate):
            version = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout
            if "0.15.1" not in version:
                sys.exit(f"{candidate} is {version.strip()}; workbook embeds Typst 0.15.1")
            return candidate
    sys.exit(__doc__)


START = time.perf_counter()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--typst")
    ap.add_argument("--workbook", default=os.path.join(ROOT, "target/dist/workbook"))
    ap.add_argument("--pairs", type=int, default=30)
    ap.add_argument("--couples", type=int, default=100)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None, help="for the batches (default: workbook's own)")
    a = ap.parse_args()
    wb, typst = os.path.abspath(a.workbook), find_typst(a.typst)
    rows = []

    with tempfile.TemporaryDirectory() as tmp:
        proj = os.path.join(tmp, "proj")
        run([wb, "eject", proj, "--names", names(0)], tmp)

        # 1. One workbook, whole processes, alternating which goes first.
        wb_s, ty_s = [], []
        for i in range(a.pairs):
            pair = [("w", lambda: timed([wb, "-q", "build", "--names", names(0), "-o", "w.pdf"], tmp)),
                    ("t", lambda: timed([typst, *TYPST_ARGS], proj))]
            for who, go in (pair if i % 2 == 0 else pair[::-1]):
                (wb_s if who == "w" else ty_s).append(go())
        ratio = statistics.median(w / t for w, t in zip(wb_s, ty_s))
        rows.append(("one workbook, whole process (median of %d pairs)" % a.pairs,
                     f"{statistics.median(wb_s):.3f} s", f"`typst compile` {statistics.median(ty_s):.3f} s",
                     f"{ratio:.2f}x the time"))

        # 2. A batch against separate typst compile runs and build processes.
        n = a.couples
        couples = os.path.join(tmp, "couples")
        os.mkdir(couples)
        data = None
        for i in range(n):
            d = os.path.join(couples, str(i))
            run([wb, "eject", d, "--names", names(i)], tmp)
            this = open(os.path.join(d, "data.json"), "rb").read()
            if data is not None and this != data:
                sys.exit("data.json differs between couples: the batch could reuse nothing")
            data = this
            shutil.copy(os.path.join(d, "couple.json"), os.path.join(couples, f"{i}.json"))
            shutil.rmtree(d)
        write_csv(os.path.join(tmp, f"{n}.csv"), n)
        jobs = [] if a.jobs is None else ["--jobs", str(a.jobs)]
        jobs_label = "default `--jobs`" if a.jobs is None else f"`--jobs {a.jobs}`"
        os.mkdir(os.path.join(tmp, "batch"))
        batch_s, batch_rss = measured([wb, "-q", "batch", f"{n}.csv", "--out-dir", "batch", *jobs], tmp)
        shutil.rmtree(os.path.join(tmp, "batch"))
        os.mkdir(os.path.join(tmp, "batch"))
        cores = os.cpu_count() or 2
        wide_s, wide_rss = measured([wb, "-q", "batch", f"{n}.csv", "--out-dir", "batch", "--jobs", str(cores)], tmp)
        start = time.perf_counter()
        for i in range(n):
            shutil.copy(os.path.join(couples, f"{i}.json"), os.path.join(proj, "couple.json"))
            run([typst, *TYPST_ARGS], proj)
        typst_s = time.perf_counter() - start
        os.mkdir(os.path.join(tmp, "single"))
        start = time.perf_counter()
        for i in range(n):
            run([wb, "-q", "build", "--names", names(i), "-o", f"single/{i}.pdf"], tmp)
        builds_s = time.perf_counter() - start
        rows.append((f"{n} workbooks, one `batch` ({jobs_label})", f"{batch_s:.1f} s ({n / batch_s:.1f}/s), {batch_rss:.0f} MiB",
                     f"{n} `typst compile` runs {typst_s:.1f} s", f"{typst_s / batch_s:.2f}x the throughput"))
        rows.append((f"{n} workbooks, one `batch` ({jobs_label})", f"{batch_s:.1f} s",
                     f"{n} `workbook build` processes {builds_s:.1f} s", f"{builds_s / batch_s:.2f}x the throughput"))
        rows.append((f"{n} workbooks, one `batch --jobs {cores}`", f"{wide_s:.1f} s ({n / wide_s:.1f}/s), {wide_rss:.0f} MiB",
                     f"{n} `typst compile` runs {typst_s:.1f} s", f"{typst_s / wide_s:.2f}x the throughput"))

        # 3. Memory that stays flat.
        peaks = {}
        for count in (10, a.rows):
            write_csv(os.path.join(tmp, f"m{count}.csv"), count)
            out = os.path.join(tmp, f"m{count}")
            os.mkdir(out)
            s, peaks[count] = measured([wb, "-q", "batch", f"m{count}.csv", "--out-dir", out, *jobs], tmp)
            shutil.rmtree(out)
        _, single_rss = measured([wb, "-q", "build", "--names", names(0), "-o", "w.pdf"], tmp)
        rows.append((f"peak memory, batch of {a.rows:,} rows ({jobs_label})", f"{peaks[a.rows]:.0f} MiB",
                     f"batch of 10: {peaks[10]:.0f} MiB; one build: {single_rss:.0f} MiB",
                     f"{peaks[a.rows] / peaks[10]:.2f}x the batch of 10"))

        # 4. File sizes.
        for label, flags in [("default A4", []), ("--fillable", ["--fillable"]), ("--booklet", ["--booklet"])]:
            run([wb, "-q", "build", "--names", names(0), *flags, "-o", "s.pdf"], tmp)
            size = os.path.getsize(os.path.join(tmp, "s.pdf"))
            info = subprocess.run(["pdfinfo", "s.pdf"], cwd=tmp, capture_output=True, text=True).stdout
            pages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
            rows.append((f"file size, {label}", f"{size / 1024:.0f} KB", f"{pages} pages",
                         f"{size / 1024 / pages:.2f} KB a page"))

    print(f"| measure | workbook | against | ratio |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(json.dumps({"cpus": os.cpu_count(), "jobs": a.jobs, "minutes": round((time.perf_counter() - START) / 60, 1)}))


if __name__ == "__main__":
    main()
