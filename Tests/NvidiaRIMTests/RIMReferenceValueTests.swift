import Appraisal
import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaRIM
import Testing

/// A verified RIM becomes reference values for GPU claims: one per active measurement, claim
/// `measurements.<index + 1>` (RIM index i is SPDM block i + 1), every alternative accepted, expiring with the signer.
@Suite(.sharedVectors)
struct RIMReferenceValueTests {
    @Test func theActiveMeasurementsBecomeReferenceValues() throws {
        let vector = try SharedVectors.vector(RIMVectors.vbios)
        let verification = try RIMVerifier().verify(try RIMVectors.bytes(vector), at: try RIMVectors.asOf(vector))
        let values = try verification.referenceValues()
        let expected = try #require(vector.fields["measurements"]?.objectValue)
        let active = expected.filter { $0.value["active"] == .bool(true) }
        try #require(active.count == 12)
        #expect(values.count == active.count)
        #expect(Set(values.map(\.claim)) == Set(active.keys.compactMap { Int($0) }.map { "measurements.\($0 + 1)" }))
        for (index, measurement) in active {
            let block = try #require(Int(index)) + 1
            let claim = "measurements.\(block)"
            let value = try #require(values.first { $0.claim == claim })
            let alternatives = try #require(measurement["alternatives"]?.arrayValue).compactMap(\.stringValue)
            #expect(value.values == Set(alternatives), "\(claim)")
            #expect(alternatives.allSatisfy { value.matches(.string($0.uppercased())) }, "\(claim)")
        }
        for value in values {
            #expect(value.tee == "nvidia")
            #expect(value.component == .executables)
            #expect(value.minimum == nil)
            #expect(value.expires == RFC3339.parse("2025-06-22T09:30:33Z"))
            #expect(value.provenance.contains(try #require(vector.fields["tag_id"]?.stringValue)))
            #expect(value.provenance.contains("GH100 96.00.5E.00.01"))
            #expect(value.provenance.contains("'HCC RIM L4 Signer'"))
        }
        // The index-12 measurement has four alternatives; the inactive index 7 has no entry.
        #expect(values.first { $0.claim == "measurements.13" }?.values.count == 4)
        #expect(!values.contains { $0.claim == "measurements.8" })
        // The entries survive the reference-value document form.
        let document = ReferenceValueSet(values).json.compactText
        #expect(try ReferenceValueSet(json: Array(document.utf8)).entries.count == values.count)
    }

    /// A rejected RIM yields no reference values: the error names the RIM and its failed checks.
    @Test func aRejectedRIMGivesNoReferenceValues() throws {
        let tampered = try RIMVerifier().verify(
            try RIMVectors.bytes(RIMVectors.tamperedVBIOS), at: try RIMVectors.asOf(RIMVectors.tamperedVBIOS))
        #expect {
            try tampered.referenceValues()
        } throws: { error in
            guard case .rejected(_, let failures) = error as? NvidiaRIMError else { return false }
            return failures.count == 1 && failures[0].hasPrefix("document_digest")
        }
        #expect {
            try NvidiaRIM.referenceValues(rims: [try RIMVectors.bytes(RIMVectors.vbios)], at: Date())
        } throws: { error in
            guard case .rejected(_, let failures) = error as? NvidiaRIMError else { return false }
            return failures.count == 1 && failures[0].hasPrefix("rim_chain_validity")
        }
    }

    /// A GPU's driver and VBIOS RIMs together: their active indices are disjoint, so every one is a reference value;
    /// two VBIOS RIMs overlap and are refused, naming the index.
    @Test func driverAndVBIOSRIMsCombineAndOverlapsAreRefused() throws {
        let instant = try RIMVectors.asOf(RIMVectors.driverTest)
        let values = try NvidiaRIM.referenceValues(
            rims: [try RIMVectors.bytes(RIMVectors.driverTest), try RIMVectors.bytes(RIMVectors.vbios)], at: instant)
        #expect(values.count == 21 + 12)
        #expect(Set(values.map(\.claim)).count == values.count)
        #expect(values.contains { $0.claim == "measurements.8" && $0.provenance.contains("545.00") })
        let first = try #require(try SharedVectors.vector(RIMVectors.vbios).fields["tag_id"]?.stringValue)
        let second = try #require(try SharedVectors.vector(RIMVectors.vbiosTest).fields["tag_id"]?.stringValue)
        let overlapping = [try RIMVectors.bytes(RIMVectors.vbios), try RIMVectors.bytes(RIMVectors.vbiosTest)]
        #expect(throws: NvidiaRIMError.conflictingMeasurement(index: 0, first: first, second: second)) {
            try NvidiaRIM.referenceValues(rims: overlapping, at: instant)
        }
    }

    @Test func theClaimOfABlockIsItsDottedPath() {
        #expect(NvidiaRIM.claim(blockIndex: 1) == "measurements.1")
        #expect(TEEKind.nvidia.rawValue == "nvidia")
    }
}
