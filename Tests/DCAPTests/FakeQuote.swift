import AttestationCore
import Crypto
import DCAP
import Foundation

/// Builds DCAP quotes (SGX v3, TDX v4, TDX 1.5 v5) signed by fresh keys under a ``FakeIntelPKI``.
struct FakeQuote {
    enum Kind { case sgx, td10, td15 }

    var kind: Kind
    var teeTCBSVN: [UInt8] = [6, 1, 3] + [UInt8](repeating: 0, count: 13)
    var teeTCBSVN2: [UInt8] = [UInt8](repeating: 0, count: 16)
    var mrSignerSeam = [UInt8](repeating: 0, count: 48)
    var seamAttributes = [UInt8](repeating: 0, count: 8)
    var tdAttributes: [UInt8] = [0, 0, 0, 0x10, 0, 0, 0, 0]
    var enclaveAttributes: [UInt8] = [0x05] + [UInt8](repeating: 0, count: 7) + [0xE7] + [UInt8](repeating: 0, count: 7)
    var reportData = [UInt8](repeating: 0x5A, count: 64)
    var qeISVSVN: UInt16 = 8
    var qeProdID: UInt16 = 2
    var qeMRSigner = [UInt8](repeating: 0xDC, count: 32)
    var qeAttributes: [UInt8] = [0x11] + [UInt8](repeating: 0, count: 15)
    var certificationType: UInt16 = 5
    var qeVendorID = QuoteHeader.intelQEVendorID
    var trailing: [UInt8] = []
    var attestationKey = P256.Signing.PrivateKey()
    var qeAuthenticationData = [UInt8](repeating: 0x42, count: 32)
    /// Breaks the QE report data binding when set.
    var corruptQEReportData = false
    /// Replaces the attestation key written into the quote (the quote is still signed by ``attestationKey``).
    var writtenAttestationKey: [UInt8]?

    init(_ kind: Kind) { self.kind = kind }

    var version: UInt16 {
        switch kind {
        case .sgx: return 3
        case .td10: return 4
        case .td15: return 5
        }
    }

    /// The quote bytes, QE report signed by the PKI's PCK key.
    func bytes(pki: FakeIntelPKI) throws -> [UInt8] {
        var header = le(version) + le(UInt16(2)) + le(UInt32(kind == .sgx ? 0 : 0x81)) + le(UInt16(kind == .sgx ? 10 : 0))
        header += le(UInt16(kind == .sgx ? 15 : 0)) + qeVendorID + [UInt8](repeating: 0x11, count: 20)
        var signed = header
        switch kind {
        case .sgx: signed += enclaveReport(attributes: enclaveAttributes, mrSigner: [UInt8](repeating: 0x81, count: 32), prodID: 0, svn: 0, reportData: reportData)
        case .td10: signed += tdReport()
        case .td15: signed += le(UInt16(3)) + le(UInt32(648)) + tdReport()
        }
        let rawKey = writtenAttestationKey ?? Array(attestationKey.publicKey.rawRepresentation)
        var qeReportData = Array(SHA256.hash(data: rawKey + qeAuthenticationData)) + [UInt8](repeating: 0, count: 32)
        if corruptQEReportData { qeReportData[0] ^= 1 }
        let qeReport = enclaveReport(attributes: qeAttributes, mrSigner: qeMRSigner, prodID: qeProdID, svn: qeISVSVN, reportData: qeReportData)
        let qeSignature = Array(try pki.pckKey.signature(for: qeReport).rawRepresentation)
        let pem = try pki.pckChainPEM()
        let qeCertification = qeReport + qeSignature + le(UInt16(qeAuthenticationData.count)) + qeAuthenticationData
            + le(certificationType) + le(UInt32(pem.count)) + pem
        let signature = Array(try attestationKey.signature(for: signed).rawRepresentation)
        var signatureData = signature + rawKey
        signatureData += kind == .sgx ? qeCertification : le(UInt16(6)) + le(UInt32(qeCertification.count)) + qeCertification
        return signed + le(UInt32(signatureData.count)) + signatureData + trailing
    }

    func tdReport() -> [UInt8] {
        var body = teeTCBSVN + [UInt8](repeating: 0x5E, count: 48) + mrSignerSeam + seamAttributes + tdAttributes
        body += [0xE7, 0x1A, 0x06, 0, 0, 0, 0, 0] + [UInt8](repeating: 0x7D, count: 48)
        body += [UInt8](repeating: 0, count: 48 * 3)
        for index in 0..<4 { body += [UInt8](repeating: UInt8(0xA0 + index), count: 48) }
        body += reportData
        if kind == .td15 { body += teeTCBSVN2 + [UInt8](repeating: 0, count: 48) }
        return body
    }

    func enclaveReport(attributes: [UInt8], mrSigner: [UInt8], prodID: UInt16, svn: UInt16, reportData: [UInt8]) -> [UInt8] {
        var body = [UInt8](repeating: 0x0B, count: 16) + le(UInt32(0)) + [UInt8](repeating: 0, count: 12)
        body += [UInt8](repeating: 0, count: 16) + attributes + [UInt8](repeating: 0xE1, count: 32)
        body += [UInt8](repeating: 0, count: 32) + mrSigner + [UInt8](repeating: 0, count: 32)
        body += [UInt8](repeating: 0, count: 64) + le(prodID) + le(svn) + le(UInt16(0)) + [UInt8](repeating: 0, count: 42)
        body += [UInt8](repeating: 0, count: 16) + reportData
        return body
    }
}

/// Little-endian bytes.
func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

/// TCB info JSON in Intel's compact form.
struct FakeTCBInfo {
    struct Level {
        var sgx: [UInt8]
        var pce: Int
        var tdx: [UInt8] = [UInt8](repeating: 0, count: 16)
        var status: String
        var advisories: [String] = []
    }

    var id = "TDX"
    var issueDate = FakeIntelPKI.now.addingTimeInterval(-FakeIntelPKI.day)
    var nextUpdate = FakeIntelPKI.now.addingTimeInterval(29 * FakeIntelPKI.day)
    var fmspc: [UInt8] = [0x50, 0x80, 0x6f, 0, 0, 0]
    var pceID = "0000"
    var evaluationDataNumber = 17
    var moduleMRSigner = [UInt8](repeating: 0, count: 48)
    /// `(id, [(isvsvn, status)])` entries of `tdxModuleIdentities`.
    var moduleIdentities: [(String, [(Int, String)])] = [("TDX_01", [(3, "UpToDate"), (2, "OutOfDate")])]
    var levels: [Level]

    var json: String {
        func components(_ svns: [UInt8]) -> String { "[" + svns.map { "{\"svn\":\($0)}" }.joined(separator: ",") + "]" }
        let levelText = levels.map { level in
            let tdx = id == "TDX" ? ",\"tdxtcbcomponents\":\(components(level.tdx))" : ""
            let advisories = level.advisories.isEmpty ? "" : ",\"advisoryIDs\":[" + level.advisories.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            return "{\"tcb\":{\"sgxtcbcomponents\":\(components(level.sgx)),\"pcesvn\":\(level.pce)\(tdx)},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"\(level.status)\"\(advisories)}"
        }.joined(separator: ",")
        var module = ""
        if id == "TDX" {
            let identities = moduleIdentities.map { identity in
                let levels = identity.1.map { "{\"tcb\":{\"isvsvn\":\($0.0)},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"\($0.1)\"}" }
                return "{\"id\":\"\(identity.0)\",\"mrsigner\":\"\(Hex.encode(moduleMRSigner))\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\",\"tcbLevels\":[\(levels.joined(separator: ","))]}"
            }
            module = ",\"tdxModule\":{\"mrsigner\":\"\(Hex.encode(moduleMRSigner))\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\"},\"tdxModuleIdentities\":[\(identities.joined(separator: ","))]"
        }
        return "{\"id\":\"\(id)\",\"version\":3,\"issueDate\":\"\(RFC3339.format(issueDate))\",\"nextUpdate\":\"\(RFC3339.format(nextUpdate))\",\"fmspc\":\"\(Hex.encode(fmspc))\",\"pceId\":\"\(pceID)\",\"tcbType\":0,\"tcbEvaluationDataNumber\":\(evaluationDataNumber)\(module),\"tcbLevels\":[\(levelText)]}"
    }
}

/// QE identity JSON in Intel's compact form.
struct FakeQEIdentity {
    var id = "TD_QE"
    var issueDate = FakeIntelPKI.now.addingTimeInterval(-FakeIntelPKI.day)
    var nextUpdate = FakeIntelPKI.now.addingTimeInterval(29 * FakeIntelPKI.day)
    var mrSigner = [UInt8](repeating: 0xDC, count: 32)
    var prodID = 2
    var levels: [(Int, String)] = [(8, "UpToDate"), (6, "OutOfDate")]

    var json: String {
        let levelText = levels.map { "{\"tcb\":{\"isvsvn\":\($0.0)},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"\($0.1)\"}" }
        return "{\"id\":\"\(id)\",\"version\":2,\"issueDate\":\"\(RFC3339.format(issueDate))\",\"nextUpdate\":\"\(RFC3339.format(nextUpdate))\",\"tcbEvaluationDataNumber\":17,\"miscselect\":\"00000000\",\"miscselectMask\":\"FFFFFFFF\",\"attributes\":\"11000000000000000000000000000000\",\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\",\"mrsigner\":\"\(Hex.encode(mrSigner))\",\"isvprodid\":\(prodID),\"tcbLevels\":[\(levelText.joined(separator: ","))]}"
    }
}
