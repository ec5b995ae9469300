// swift-tools-version: 5.4
// libFuzzer targets for Assay's parsers of untrusted bytes: one executable `fuzz-<target>` per folder in Sources/,
// each a thin `LLVMFuzzerTestOneInput` over the root package's FuzzEntryPoints (which the regression test replays
// too). Build and run them with scripts/fuzz.sh, which passes -sanitize=fuzzer,address.
//
// Tools version 5.4 on purpose, as swift-protobuf's FuzzTesting does: from 5.5 on, SwiftPM renames an executable's
// entry point and aliases `main` to it, which cannot link beside libFuzzer's own `main`.
import Foundation
import PackageDescription

let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources")
let executables = ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? [])
    .filter { $0.hasPrefix("fuzz-") }.sorted()

let package = Package(
    name: "AssayFuzzTesting",
    dependencies: [.package(name: "Assay", path: "..")],
    targets: executables.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "FuzzEntryPoints", package: "Assay")])
    }
)
