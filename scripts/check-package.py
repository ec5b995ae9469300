#!/usr/bin/env python3
"""Checks Package.swift against the code and the README.

- Every module a target imports is named in its dependencies, and nothing it does not import: a target that
  compiles only because a dependency re-exports a module breaks when that dependency changes, and a declared
  dependency nobody imports slows every build.
- The README's Layout section names every target that is not a test target, so the documented module list cannot
  drift from the package.

Usage: scripts/check-package.py (from the repository); exits 1 and names each mismatch.
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
# Imports start their line (an indented "import" is text inside a string, such as a Rego policy in a test).
IMPORT = re.compile(
    r"(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|private|fileprivate)\s+)?"
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
with open("README.md", encoding="utf-8") as readme:
    text = readme.read()
layout = text[text.index("\n## Layout\n"):]
layout = layout[:layout.find("\n## ", 1)] if "\n## " in layout[1:] else layout
for target in package["targets"]:
    if target["type"] != "test" and f"`{target['name']}`" not in layout:
        problems.append(f"README.md's Layout section does not name the target {target['name']}")
for problem in problems:
    print(f"error: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
