import Appraisal
import ArgumentParser
import AttestationCore
import CoRIM
import Crypto
import Foundation
import NvidiaGPU
import NvidiaRIM
import PKI

/// `assay reference-values import`: CoRIMs and measurement outputs → one Assay reference-value document.
struct ReferenceValuesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import reference values from CoRIMs and from assay measure / sev-snp-measure output.",
        discussion: """
            Writes one reference-value document ({"reference_values": [...]}, as 'assay verify --reference-values' \
            and POST /v1/reference-values read it) to --out (default: standard output); --server URL also adds the \
            values to a service through the admin API. Each value's provenance names its file and that file's SHA-256.

            --corim FILE: a CoRIM (draft-ietf-rats-corim, CBOR tag 501; the format Veraison uses). Its CoMIDs' \
            reference-triples are imported; environments are identified by their class:
              SEV-SNP  class-id 37(d05e6d1b-9f46-4ae2-a610-ce3e6ee7e153) or 37(89a7a1f0-e704-4faa-acbd-81c86df8a961)
                       (AMD's SEV-SNP CoRIM profile), or vendor "AMD…" with model "SEV-SNP" or "SNP"
              TDX      vendor "Intel…" with model "TDX"
              SGX      vendor "Intel…" with model "SGX"
            and measurements map to claims:
              SEV-SNP  mkey 0 (or none): digests [7, …] -> measurement, svn -> guest_svn, raw-value -> family_id,
                       version -> image_id; mkey 2 raw uint -> vmpl; 5 -> id_key_digest; 6 -> author_key_digest;
                       8 raw-value -> host_data (text mkeys with these names work too)
              TDX      mkeys "mr_td", "mr_seam", "mr_signer_seam", "mr_config_id", "mr_owner", "mr_owner_config",
                       "rtmr0".."rtmr3": SHA-384 digests [7, …] or 48-byte raw values; integrity-registers 0..3 -> rtmr0..3
              SGX      mkeys "mr_enclave", "mr_signer": SHA-256 digests [1, …] or 32-byte raw values, their svn ->
                       isv_svn; "isv_svn": svn; "isv_prod_id": raw uint
            An svn that is a uint or tag 552 is an exact value, tag 553 a minimum. Everything else (other triple \
            kinds, other TEEs, instance-specific environments, flags, masked values, CoSWIDs, …) is listed on \
            stderr as not imported. A signed CoRIM (COSE_Sign1) is refused: Assay does not verify CoRIM \
            signatures; verify it with the issuer's tools and pass --allow-unverified-signature to import its \
            payload (the provenance then says "signature NOT verified").

            --measurement-json FILE: the output of 'assay measure snp|tdx --format json', or of sev-snp-measure \
            (the 96 hex digits of the launch digest).

            --nvidia-rim FILE: NVIDIA's RIMs (signed SWID tags of a GPU's golden driver and VBIOS measurements, from \
            NVIDIA's RIM service). Each is verified first: its XML signature (XML-DSig, C14N 1.1, ECDSA P-384 with \
            SHA-384, through libxmlsec1) and its signer's chain to the NVIDIA RIM root pinned by SHA-256, valid at \
            --as-of (RIM signing certificates live two years: verify a RIM as of when it was in force); with \
            --fetch-collateral (or a --collateral-cache) the chain is also checked with NVIDIA's OCSP responder. Every \
            active measurement at RIM index i becomes a reference value for the nvidia claim measurements.<i+1> (the \
            GPU's SPDM block), all its alternatives accepted, expiring with the signer's certificate. A RIM that \
            fails any check exits 1 naming the checks; two RIMs with the same active index are refused.

            Exit status 2 when an input is malformed or nothing at all could be imported.

            Examples:
              assay reference-values import --corim vendor.corim --out rv.json
              assay measure snp --ovmf OVMF.fd --vcpus 4 --vcpu-type EPYC-v4 --format json > m.json
              assay reference-values import --measurement-json m.json --server https://assay.example --admin-token-file t
              assay reference-values import --nvidia-rim driver.swidtag vbios.swidtag --fetch-collateral --out gpu-rv.json
            """)

    @Option(name: .customLong("corim"), parsing: .upToNextOption, help: ArgumentHelp("CoRIM files (CBOR).", valueName: "file"))
    var corims: [String] = []

    @Option(
        name: .customLong("measurement-json"), parsing: .upToNextOption,
        help: ArgumentHelp("'assay measure … --format json' or sev-snp-measure output files.", valueName: "file"))
    var measurements: [String] = []

    @Option(
        name: .customLong("nvidia-rim"), parsing: .upToNextOption,
        help: ArgumentHelp("NVIDIA RIMs (driver and VBIOS SWID tags), verified before import.", valueName: "file"))
    var nvidiaRIMs: [String] = []

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("NVIDIA RIMs: verify their signer chain as of this RFC 3339 instant (default: now).", valueName: "time"))
    var asOf: String?

    @Flag(
        name: .customLong("fetch-collateral"),
        help: "NVIDIA RIMs: check the signer chain with NVIDIA's OCSP responder (answers go to the collateral cache).")
    var fetchCollateral = false

    @OptionGroup(title: "Collateral cache (NVIDIA RIMs)")
    var cache: CollateralCacheOptions

    @Flag(name: .customLong("allow-unverified-signature"), help: "Import signed CoRIMs without verifying their signature.")
    var allowUnverifiedSignature = false

    @Option(help: ArgumentHelp("Where to write the document ('-' or absent: standard output).", valueName: "file"))
    var out: String = "-"

    @OptionGroup var destination: ReferenceValueServerOptions

    func validate() throws {
        guard !corims.isEmpty || !measurements.isEmpty || !nvidiaRIMs.isEmpty else {
            throw ValidationError("give at least one --corim, --measurement-json or --nvidia-rim file")
        }
        if let asOf, RFC3339.parse(asOf) == nil {
            throw ValidationError("--as-of must be an RFC 3339 timestamp such as 2024-06-01T00:00:00Z, got '\(asOf)'")
        }
    }

    func run() async throws {
        var entries: [ReferenceValue] = []
        for path in corims {
            let bytes = try InputFiles.read(path, what: "CoRIM", limit: CoRIM.maxBytes)
            let source = "\(path) (sha256 \(Hex.encode(SHA256.hash(data: bytes))))"
            let imported = try CoRIMImport(CoRIM(parsing: bytes), source: source, allowUnverifiedSignature: allowUnverifiedSignature)
            for skipped in imported.skipped { FileHandle.standardError.write(Data("not imported: \(skipped)\n".utf8)) }
            entries += imported.referenceValues
        }
        for path in measurements {
            let bytes = try InputFiles.read(path, what: "measurement", limit: MeasurementReport.maxBytes)
            let report: MeasurementReport
            if let document = try? JSONValue(parsing: bytes), document.objectValue != nil {
                report = try MeasurementReport(json: document, source: path)
            } else {
                report = try MeasurementReport(sevSNPMeasureOutput: String(decoding: bytes, as: UTF8.self), source: path)
            }
            entries += report.referenceValues(origin: "measurement \(path) (sha256 \(Hex.encode(SHA256.hash(data: bytes))))").entries
        }
        entries += try await nvidiaReferenceValues()
        guard !entries.isEmpty else { throw CLIError.invalidArgument("nothing to import: no SEV-SNP, TDX or SGX reference values in the inputs (see stderr)") }
        guard entries.count <= ReferenceValueSet.maxEntries else {
            throw CLIError.invalidArgument("\(entries.count) reference values, above the limit of \(ReferenceValueSet.maxEntries); import fewer files at once")
        }
        let set = ReferenceValueSet(entries)
        try InputFiles.write(Array((set.json.prettyText + "\n").utf8), to: out)
        try await destination.post(set, what: "\(entries.count) reference values")
    }

    /// The --nvidia-rim files' reference values: each RIM verified as of --as-of (a rejected one exits 1 naming its
    /// checks), its signer chain checked with NVIDIA's OCSP responder when collateral can be fetched or is cached.
    func nvidiaReferenceValues() async throws -> [ReferenceValue] {
        guard !nvidiaRIMs.isEmpty else { return [] }
        let instant = asOf.flatMap(RFC3339.parse) ?? Date()
        let provider: (any CollateralProvider)? = fetchCollateral || cache.collateralCache != nil ? cache.provider(fetching: fetchCollateral) : nil
        var rims: [[UInt8]] = []
        for path in nvidiaRIMs {
            let bytes = try InputFiles.read(path, what: "NVIDIA RIM", limit: ReferenceIntegrityManifest.maxBytes)
            let verification = try RIMVerifier().verify(bytes, at: instant)
            var failures = verification.verdict.failures.map(\.description)
            if let provider {
                let outcome = try await OCSPChainCheck(url: NvidiaGPUVerifier.defaultOCSPURL).check(
                    verification.chain, provider: provider, at: instant, allowsPartial: false)
                failures += outcome.problems.map { "rim_chain_not_revoked: \($0)" }
            } else {
                FileHandle.standardError.write(Data("note: \(path): revocation of the RIM signer was not checked (--fetch-collateral)\n".utf8))
            }
            guard failures.isEmpty else {
                FileHandle.standardError.write(
                    Data("assay: NVIDIA RIM \(path) rejected as of \(RFC3339.format(instant)):\n  \(failures.joined(separator: "\n  "))\n".utf8))
                throw ExitStatus.rejected
            }
            rims.append(bytes)
        }
        return try NvidiaRIM.referenceValues(rims: rims, at: instant)
    }
}
