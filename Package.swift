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
        .library(name: "Rego", targets: ["Rego"]),
        .executable(name: "rego-conformance", targets: ["rego-conformance"]),
        .library(name: "FuzzEntryPoints", targets: ["FuzzEntryPoints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // JSON syntax and the civil calendar: shared by the verifier core and the Rego engine, which depend on nothing
        // else in common.
        .target(name: "Interchange", swiftSettings: strict),
        // CBOR (RFC 8949), definite-length, bounded: Nitro documents, COSE, and the attested-TLS and CoRIM formats.
        .target(name: "CBOR", swiftSettings: strict),
        .target(
            name: "AttestationCore",
            dependencies: [
                "Interchange",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PKI",
            dependencies: [
                "AttestationCore",
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
        .target(
            name: "TPMDevice",
            dependencies: [
                "AttestationCore", "TPM",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Attester",
            dependencies: [
                "AttestationCore", "TPM", "TPMDevice", "CBOR",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "Storage",
            dependencies: [
                "CSQLite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Server",
            dependencies: [
                "AttestationCore", "Appraisal", "Tokens", "Attestation", "Storage", "Rego", "KeyBroker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "TPMService",
            dependencies: [
                "AttestationCore", "TPM", "Server", "Storage", "KeyBroker", "Tokens",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi-tpm.json")],
            swiftSettings: strict
        ),
        .target(
            name: "SEVSNP",
            dependencies: [
                "AttestationCore", "PKI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "DCAP",
            dependencies: [
                "AttestationCore", "PKI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        // Azure confidential VMs: the HCL report binds the vTPM's attestation key; composite of SEV-SNP or DCAP and TPM.
        .target(
            name: "AzureCVM",
            dependencies: [
                "AttestationCore", "PKI", "SEVSNP", "DCAP", "TPM",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SampleTEE",
            dependencies: [
                "AttestationCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        // RE2 (Debian's libre2-dev) behind a C interface: the regex built-ins' linear-time matcher with Go's syntax.
        .target(name: "CRE2", path: "Sources/CRE2", linkerSettings: [.linkedLibrary("re2")]),
        .target(
            name: "Rego",
            dependencies: [
                "CRE2", "Interchange", .product(name: "BigInt", package: "BigInt"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "RegoConformance",
            dependencies: ["Rego", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "rego-conformance",
            dependencies: [
                "Rego", "RegoConformance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Appraisal",
            dependencies: ["AttestationCore", "Rego", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/default-appraisal.rego")],
            swiftSettings: strict
        ),
        .target(
            name: "Tokens",
            dependencies: ["AttestationCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Nitro",
            dependencies: ["AttestationCore", "CBOR", "PKI", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // NVIDIA GPUs and NVSwitches in confidential-computing mode: SPDM measurement reports and device chains.
        .target(
            name: "NvidiaGPU",
            dependencies: [
                "AttestationCore", "PKI", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        // xmlsec (Debian's libxmlsec1 with OpenSSL, on libxml2): the XML-DSig processing of NVIDIA RIMs.
        .systemLibrary(
            name: "CXMLSec", path: "Sources/CXMLSec", pkgConfig: "xmlsec1-openssl",
            providers: [.apt(["libxmlsec1-dev", "pkg-config"])]
        ),
        // NVIDIA RIMs: signed SWID tags of a GPU's golden measurements, verified to the pinned NVIDIA RIM root and
        // turned into reference values.
        .target(
            name: "NvidiaRIM",
            dependencies: ["CXMLSec", "AttestationCore", "PKI", "Appraisal", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // Attested TLS (ARCHITECTURE.md §7): certificates whose evidence binds their key, verification in the
        // handshake, the proxy, client and forwarder.
        .target(
            name: "AttestedTLS",
            dependencies: [
                "AttestationCore", "Attestation", "Tokens", "CBOR", "PKI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Enclave measurement: SEV-SNP launch digests from OVMF, vCPUs and a measured kernel; TDX MRTD from TDVF metadata.
        .target(name: "Measurement", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // CoRIM (draft-ietf-rats-corim): reading reference triples and mapping SEV-SNP, TDX and SGX ones to reference values.
        .target(name: "CoRIM", dependencies: ["CBOR", "AttestationCore", "Appraisal"], swiftSettings: strict),
        .target(
            name: "Attestation",
            dependencies: ["AttestationCore", "Appraisal", "Tokens"],
            swiftSettings: strict
        ),
        .target(
            name: "KeyBroker",
            dependencies: [
                "AttestationCore", "Appraisal", "Rego", "Tokens", "Storage", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Benchmarks",
            dependencies: [
                "AttestationCore", "Appraisal", "Rego", "SampleTEE", "SEVSNP", "DCAP", "TPM", "TPMDevice", "AttestedTLS",
                "Attestation", "Measurement", "Nitro", "AzureCVM", "NvidiaGPU",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LoadGeneration",
            dependencies: [
                "AttestationCore", "Attester",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AttestationCore", "SampleTEE", "Appraisal", "Tokens", "Attestation", "Server", "Attester", "Rego", "TPM",
                "TPMService", "TPMDevice", "SEVSNP", "DCAP", "Nitro", "NvidiaGPU", "AzureCVM", "HTTPCollateral", "KeyBroker", "Storage", "Benchmarks",
                "LoadGeneration", "AttestedTLS", "Measurement", "CoRIM", "NvidiaRIM", "PKI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FuzzEntryPoints",
            dependencies: [
                "AttestationCore", "PKI", "SEVSNP", "DCAP", "TPM", "TPMService", "Server", "Rego", "CBOR", "Nitro",
                "AzureCVM", "AttestedTLS", "NvidiaGPU", "NvidiaRIM", "CoRIM", "Appraisal", .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AssayTestSupport",
            dependencies: [
                "AttestationCore", "Storage", "Server", "SampleTEE", "Appraisal", "Tokens",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "_CryptoExtras", package: "swift-crypto"), .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/AssayTestSupport"
        ),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange"]),
        .testTarget(name: "CBORTests", dependencies: ["CBOR"]),
        .testTarget(
            name: "NitroTests",
            dependencies: [
                "Nitro", "CBOR", "AttestationCore", "AssayTestSupport", "Attester",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "AttestationTests",
            dependencies: [
                "Attestation", "AttestationCore", "Appraisal", "AssayTestSupport", "KeyBroker", "NvidiaGPU", "SampleTEE",
            ]
        ),
        .testTarget(
            name: "NvidiaGPUTests",
            dependencies: [
                "NvidiaGPU", "AttestationCore", "AssayTestSupport", "PKI", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "AzureCVMTests",
            dependencies: [
                "AzureCVM", "SEVSNP", "DCAP", "TPM", "TPMDevice", "Attester", "AttestationCore", "AssayTestSupport", "Appraisal",
            ]
        ),
        .testTarget(name: "AttestationCoreTests", dependencies: ["AttestationCore", "AssayTestSupport"]),
        .testTarget(
            name: "SampleTEETests",
            dependencies: [
                "SampleTEE", "AttestationCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
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
        .testTarget(
            name: "SEVSNPTests",
            dependencies: [
                "SEVSNP", "PKI", "AttestationCore", "AssayTestSupport", "Appraisal", "Attester",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "HTTPCollateralTests", dependencies: ["HTTPCollateral", "AttestationCore"]),
        .testTarget(name: "AttesterTests", dependencies: ["Attester", "CBOR"]),
        .testTarget(
            name: "DCAPTests",
            dependencies: [
                "DCAP", "AttestationCore", "AssayTestSupport", "Appraisal",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "AssayTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "AttestationCore", "Tokens", "AssayTestSupport", "KeyBroker", "Storage", "NvidiaGPU", "SampleTEE",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TPMServiceTests",
            dependencies: [
                "TPMService", "TPM", "TPMDevice", "Server", "Storage", "Tokens", "KeyBroker", "AttestationCore", "AssayTestSupport",
                "SampleTEE", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "AppraisalTests", dependencies: ["Appraisal", "AttestationCore", "Rego"]),
        .testTarget(
            name: "RegoTests",
            dependencies: [
                "Rego", "RegoConformance", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["conformance-pass-list.txt"]
        ),
        .testTarget(
            name: "TPMTests",
            dependencies: [
                "TPM", "TPMDevice", "Attester", "AttestationCore", "PKI", "AssayTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "KeyBrokerTests",
            dependencies: [
                "KeyBroker", "Storage", "Tokens", "AttestationCore", "AssayTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "TokensTests",
            dependencies: ["Tokens", "AttestationCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ServiceProcessTests",
            dependencies: [
                // "assay" is built first: the tests run the executable.
                "assay", "AssayTestSupport", "AttestationCore", "SampleTEE", "Tokens", "TPM", "TPMDevice", "Attester",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "AttestedTLSTests",
            dependencies: [
                "AttestedTLS", "AttestationCore", "SampleTEE", "AssayTestSupport", "CBOR", "Attestation", "Appraisal",
                "DCAP", "Nitro", "Tokens", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "NvidiaRIMTests",
            dependencies: [
                "NvidiaRIM", "AttestationCore", "Appraisal", "AssayTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "AttestationCore", "AssayTestSupport"]),
        .testTarget(name: "CoRIMTests", dependencies: ["CoRIM", "CBOR", "Appraisal", "AttestationCore", "AssayTestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntryPoints"]),
        .testTarget(
            name: "AssayCLITests",
            // "assay" is built first: the tests run the executable.
            dependencies: ["assay", "AttestationCore", "AssayTestSupport", "SampleTEE", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Golden"]
        ),
    ]
)
