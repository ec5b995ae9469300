#!/usr/bin/env python3
"""Checks that Package.swift names every module each target imports, and nothing it does not import.

A target that compiles only because a dependency re-exports a module breaks when that dependency changes; a
declared dependency nobody imports slows every build. Usage: scripts/check-imports.py (from the repository);
exits 1 and names the target and module on a mismatch.
"""
import glob
import json
import re
import subprocess
import sys

# Modules of the toolchain, not of any package.
TOOLCHAIN = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Testing", "XCTest",
             "Synchronization", "_Concurrency", "os"}
# Executables a test target depends on so that it is built before the tests run it (never imported).
RUN_NOT_IMPORTED = {"assay"}
IMPORT = re.compile(
    r"\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|private|fileprivate)\s+)?"
    r"import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?(\w+)[\w.]*\s*$")

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True,
                                    text=True).stdout)
problems = []
for target in package["targets"]:
    if target["type"] in ("system", "binary"):
        continue
    name = target["name"]
    path = target.get("path") or ("Tests/" if target["type"] == "test" else "Sources/") + name
    declared = {next(iter(dependency.values()))[0] for dependency in target["dependencies"]}
    imported = set()
    for file in glob.glob(path + "/**/*.swift", recursive=True):
        with open(file, encoding="utf-8") as source:
            imported.update(match.group(1) for match in map(IMPORT.match, source) if match)
    for module in sorted(imported - declared - TOOLCHAIN - {name}):
        problems.append(f"{name} imports {module} but Package.swift does not name it")
    for module in sorted(declared - imported - RUN_NOT_IMPORTED):
        problems.append(f"{name} names {module} in Package.swift but imports it nowhere")
for problem in problems:
    print(f"error: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
