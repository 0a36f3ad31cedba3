#!/usr/bin/env python3
"""Evaluates the small requests of iamquiz-bench case (a) with PMapper's local policy evaluation.

PMapper (principalmapper on PyPI, NCC Group) evaluates one request for one principal with
`principalmapper.querying.query_interface.local_check_authorization_full(principal, action, resource,
condition_keys, resource_policy, resource_owner, service_control_policy_groups, session_policy)`: the
principal's attached policies, its permissions boundary, SCP levels, a resource-based policy (a role
trust policy is passed the same way, with the role as the resource) and conditions. That is the closest
equivalent of `Evaluator.evaluate`, and the function timed here.

Usage (from the repository root; `make bench` does all of this):

    iamquiz-bench --export-small Benchmarks/small-requests.json
    .build-bench/venv/bin/python Benchmarks/pmapper_bench.py \
        [--requests Benchmarks/small-requests.json] [--swift-results Benchmarks/results.json] \
        [--output Benchmarks/pmapper-results.json] [--runs 7]

It reports the median microseconds per evaluation (over at least 5 timed runs after a warm-up), the
decisions where PMapper disagrees with AWS's documented logic (as recorded in the exported requests)
or with iamquiz, and the throughput ratio iamquiz / PMapper read from iamquiz-bench's results.json.
"""

import argparse
import collections
import collections.abc
import hashlib
import json
import statistics
import sys
import time

# principalmapper 1.1.5 (the latest release) imports `Mapping` and `MutableMapping` from
# `collections`, which Python 3.10 removed; give them back before importing it. Nothing else changes.
for _name in ("Mapping", "MutableMapping"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

try:
    import principalmapper
    from principalmapper.common import Node, Policy
    from principalmapper.querying.query_interface import local_check_authorization_full
except ImportError as error:  # pragma: no cover - reported to make
    print(f"pmapper_bench: cannot import principalmapper ({error}); skipping the comparison", file=sys.stderr)
    sys.exit(3)


def context_value(key):
    """PMapper's context: a string for single-valued keys, a list of strings for the *List types."""
    values = key["values"]
    return list(values) if key["type"].endswith("List") else (values[0] if values else "")


def prepare(request):
    """PMapper's objects for one exported request, or (None, reason) when PMapper cannot express it."""
    caller = request["caller"]
    if ":user/" not in caller and ":role/" not in caller:
        return None, "PMapper principals are IAM users and roles only"
    name = caller.rsplit("/", 1)[-1]
    identity = [Policy(caller, f"{request['name']}.identity.{i + 1}", doc) for i, doc in enumerate(request["identity"])]
    boundary = None
    if request["boundary"]:
        if len(request["boundary"]) > 1:
            return None, "more than one permissions boundary"
        boundary = Policy(f"arn:aws:iam::{caller.split(':')[4]}:policy/{name}-boundary", "boundary", request["boundary"][0])
    scps = None
    if request["scps"]:
        scps = [[Policy(f"arn:aws:organizations::000000000000:policy/o-example/service_control_policy/p-{level}{i}",
                        f"scp-{level}-{i}", doc) for i, doc in enumerate(docs)]
                for level, docs in enumerate(request["scps"])]
    is_role = ":role/" in caller
    node = Node(
        arn=caller,
        id_value=("AROA" if is_role else "AIDA") + hashlib.sha1(caller.encode()).hexdigest()[:17].upper(),
        attached_policies=identity,
        group_memberships=[],
        trust_policy={"Version": "2012-10-17", "Statement": []} if is_role else None,
        instance_profile=None,
        num_access_keys=0,
        active_password=False,
        is_admin=False,
        permissions_boundary=boundary,
        has_mfa=False,
        tags={},
    )
    context = {key["name"]: context_value(key) for key in request["context"]}
    resource_policy = request["resourcePolicy"]
    args = (node, request["action"], request["resource"], context, resource_policy,
            request["resourceOwner"] if resource_policy is not None else None, scps, None)
    return args, None


def evaluate_all(prepared):
    allowed = 0
    for args in prepared:
        if local_check_authorization_full(*args):
            allowed += 1
    return allowed


def measure(prepared, runs, warm_up, target_run_time):
    """Median microseconds per evaluation over `runs` timed runs, after a warm-up and a calibration."""
    clock = time.perf_counter_ns
    batches, sink = 0, 0
    start = clock()
    while True:
        sink += evaluate_all(prepared)
        batches += 1
        if clock() - start >= warm_up * 1e9:
            break
    per_batch = (clock() - start) / batches
    batches_per_run = max(1, int(target_run_time * 1e9 / per_batch + 0.999))
    per_eval = []
    for _ in range(runs):
        start = clock()
        for _ in range(batches_per_run):
            sink += evaluate_all(prepared)
        per_eval.append((clock() - start) / 1000 / (batches_per_run * len(prepared)))
    return per_eval, batches_per_run * len(prepared), sink


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", default="Benchmarks/small-requests.json")
    parser.add_argument("--swift-results", default="Benchmarks/results.json")
    parser.add_argument("--output", default="Benchmarks/pmapper-results.json")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warm-up", type=float, default=0.5, help="seconds")
    parser.add_argument("--run-time", type=float, default=0.5, help="seconds per timed run")
    options = parser.parse_args()
    if options.runs < 5:
        parser.error("--runs must be at least 5")

    with open(options.requests) as f:
        requests = json.load(f)["requests"]

    prepared, skipped = [], []
    for request in requests:
        args, reason = prepare(request)
        if args is None:
            skipped.append((request["name"], reason))
        else:
            prepared.append((request, args))

    # Decisions, once, before timing.
    rows, unexpected, explained = [], [], []
    for request, args in prepared:
        pmapper = "allowed" if local_check_authorization_full(*args) else "denied"
        aws = request["expected"]
        swift = request["swiftDecision"]
        aws_allowed = None if aws is None else aws == "allowed"
        agrees = aws_allowed is None or (pmapper == "allowed") == aws_allowed
        rows.append({"name": request["name"], "aws": aws, "iamquiz": swift, "pmapper": pmapper,
                     "agrees_with_aws": agrees, "caveat": request.get("pmapperCaveat")})
        if not agrees:
            (explained if request.get("pmapperCaveat") else unexpected).append(rows[-1])

    per_eval, evaluations_per_run, sink = measure([args for _, args in prepared], options.runs,
                                                   options.warm_up, options.run_time)
    median = statistics.median(per_eval)

    version = getattr(principalmapper, "__version__", "?")
    print(f"PMapper {version} (principalmapper), Python {sys.version.split()[0]}: "
          f"local_check_authorization_full on {len(prepared)} requests of case (a)")
    print(f"  median {median:.2f} µs/evaluation ({1e6 / median:,.0f} evaluations/s) over {options.runs} runs "
          f"of {evaluations_per_run} evaluations; runs {min(per_eval):.2f}-{max(per_eval):.2f} µs (checksum {sink})")
    for name, reason in skipped:
        print(f"  skipped {name}: {reason}")

    agreeing = sum(1 for row in rows if row["agrees_with_aws"])
    print(f"  decisions: PMapper agrees with AWS's documented logic on {agreeing} of {len(rows)} requests")
    for row in explained:
        print(f"    known PMapper limitation, {row['name']}: AWS {row['aws']}, iamquiz {row['iamquiz']}, "
              f"PMapper {row['pmapper']} ({row['caveat']})")
    for row in unexpected:
        print(f"    UNEXPLAINED disagreement, {row['name']}: AWS {row['aws']}, iamquiz {row['iamquiz']}, "
              f"PMapper {row['pmapper']}")
    swift_wrong = [row for row in rows if row["aws"] is not None and row["iamquiz"] != row["aws"]]
    for row in swift_wrong:
        print(f"    iamquiz differs from AWS's documented logic, {row['name']}: AWS {row['aws']}, iamquiz {row['iamquiz']}")

    ratio, swift_median = None, None
    try:
        with open(options.swift_results) as f:
            cases = json.load(f)["cases"]
        small = next(case for case in cases if case["name"].startswith("a."))
        swift_median = small["median_us"]
        ratio = median / swift_median
    except (OSError, StopIteration, KeyError, ValueError) as error:
        print(f"  no iamquiz figure for case (a) in {options.swift_results} ({error!r}): no ratio")
    if ratio is not None:
        verdict = "meets" if ratio >= 100 else "misses"
        print(f"  throughput ratio iamquiz / PMapper: {ratio:,.0f}x "
              f"(iamquiz {swift_median:.3f} µs, PMapper {median:.2f} µs per evaluation; {verdict} the goal of 100x)")

    result = {
        "tool": "principalmapper",
        "version": version,
        "python": sys.version.split()[0],
        "entry_point": "principalmapper.querying.query_interface.local_check_authorization_full",
        "requests": len(prepared),
        "skipped": [{"name": n, "reason": r} for n, r in skipped],
        "runs": options.runs,
        "evaluations_per_run": evaluations_per_run,
        "median_us": round(median, 4),
        "runs_us": [round(x, 4) for x in per_eval],
        "evals_per_sec": round(1e6 / median),
        "iamquiz_median_us": swift_median,
        "ratio_iamquiz_over_pmapper": None if ratio is None else round(ratio, 1),
        "decisions": rows,
    }
    with open(options.output, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"  results written to {options.output}")


if __name__ == "__main__":
    main()
