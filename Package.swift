// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AttestationCore", targets: ["AttestationCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "AttestationCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PKI",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HTTPCollateral",
            dependencies: [
                "AttestationCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TPM",
            dependencies: [
                "AttestationCore", "PKI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Attester", dependencies: ["AttestationCore", "TPM"], swiftSettings: strict),
        .target(
            name: "SampleTEE",
            dependencies: [
                "AttestationCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Appraisal", dependencies: ["AttestationCore"], swiftSettings: strict),
        .target(
            name: "Tokens",
            dependencies: ["AttestationCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Attestation",
            dependencies: ["AttestationCore", "Appraisal", "Tokens"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AttestationCore", "SampleTEE", "TPM", "Attester", "Appraisal", "Tokens", "Attestation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AssayTestSupport",
            dependencies: [
                "AttestationCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/AssayTestSupport"
        ),
        .testTarget(name: "AttestationCoreTests", dependencies: ["AttestationCore", "AssayTestSupport"]),
        .testTarget(
            name: "SampleTEETests",
            dependencies: [
                "SampleTEE", "AttestationCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "PKITests",
            dependencies: [
                "PKI", "AssayTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "HTTPCollateralTests", dependencies: ["HTTPCollateral", "AttestationCore"]),
        .testTarget(name: "AttesterTests", dependencies: ["Attester"]),
        .testTarget(
            name: "TPMTests",
            dependencies: [
                "TPM", "Attester", "AttestationCore", "PKI", "AssayTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "AppraisalTests", dependencies: ["Appraisal", "AttestationCore"]),
        .testTarget(
            name: "TokensTests",
            dependencies: ["Tokens", "AttestationCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "AssayCLITests", dependencies: ["assay", "AttestationCore", "AssayTestSupport"]),
    ]
)
