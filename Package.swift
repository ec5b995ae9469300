// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Rego",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Rego", targets: ["Rego"]),
        .executable(name: "rego-conformance", targets: ["rego-conformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "Rego",
            dependencies: [.product(name: "BigInt", package: "BigInt")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "rego-conformance",
            dependencies: [
                "Rego",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegoTests",
            dependencies: ["Rego", "rego-conformance"],
            exclude: ["conformance-pass-list.txt"]
        ),
        .executableTarget(
            name: "RegoBenchmarks",
            dependencies: ["Rego", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/RegoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
