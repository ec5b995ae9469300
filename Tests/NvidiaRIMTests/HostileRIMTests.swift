import AssayTestSupport
import Foundation
import NvidiaRIM
import Testing

/// Hostile XML gets a typed error quickly: no crash, no entity expansion, no file or network access, bounded time.
struct HostileRIMTests {
    /// Parses `text` (or verifies it) and returns the error it must throw.
    static func error(_ bytes: [UInt8]) -> NvidiaRIMError? {
        do {
            _ = try RIMVerifier().verify(bytes, at: Date())
            return nil
        } catch {
            return error
        }
    }

    static let swid = "xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\""

    /// Documents with a DTD: refused at `<!DOCTYPE`, before any entity is declared or any file or URL is read.
    @Test(arguments: [
        // Billion laughs.
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + (1...9).map { "<!ENTITY lol\($0) \"" + String(repeating: "&lol\($0 == 1 ? "" : String($0 - 1));", count: 10) + "\">" }
            .joined() + "]><SoftwareIdentity \(swid) tagId=\"&lol9;\"/>",
        // External entity (XXE) from a file and from the network.
        "<!DOCTYPE SoftwareIdentity [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><SoftwareIdentity \(swid)>&xxe;</SoftwareIdentity>",
        "<!DOCTYPE SoftwareIdentity [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]><SoftwareIdentity \(swid)>&xxe;</SoftwareIdentity>",
        // External DTD and parameter entities.
        "<!DOCTYPE SoftwareIdentity SYSTEM \"http://127.0.0.1:9/swid.dtd\"><SoftwareIdentity \(swid)/>",
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><SoftwareIdentity \(swid)/>",
    ])
    func aDocumentTypeDeclarationIsRefused(text: String) {
        let started = ContinuousClock.now
        #expect(Self.error(Array(text.utf8)) == .documentTypeDeclaration)
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func aDocumentAboveTheBoundIsRefusedUnread() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: ReferenceIntegrityManifest.maxBytes + 1)
        #expect(Self.error(bytes) == .tooLarge(bytes: bytes.count, limit: ReferenceIntegrityManifest.maxBytes))
    }

    /// Not XML, not well-formed, or not a RIM: each a typed error naming the cause.
    @Test(arguments: [
        "", "\u{0}\u{1}\u{2}garbage", "<SoftwareIdentity", "<a><b></a>", "<?xml version=\"1.0\" encoding=\"x-unknown\"?><a/>",
        "<SoftwareIdentity/>", "<SoftwareIdentity \(swid) tagId=\"t\"/>",
        "<SoftwareIdentity \(swid) tagId=\"t\"><Meta product=\"p\" colloquialVersion=\"v\"/><Payload/></SoftwareIdentity>",
        "<other \(swid)/>",
    ])
    func malformedOrForeignXMLIsATypedError(text: String) {
        switch Self.error(Array(text.utf8)) {
        case .malformedXML, .invalidField: break
        case let other: Issue.record("\(text.prefix(40)): \(String(describing: other))")
        }
    }

    /// As many attributes on one element as fit in the bound (libxml2 checks duplicates in quadratic time), and
    /// elements nested deeper than libxml2's limit: refused in well under a second or two.
    @Test func pathologicalShapesStayFast() {
        var attributes = "<SoftwareIdentity \(Self.swid)"
        var position = 0
        while attributes.utf8.count < ReferenceIntegrityManifest.maxBytes - 32 {
            attributes += " a\(String(position, radix: 36))=\"\""
            position += 1
        }
        attributes += "/>"
        let deep = String(repeating: "<a>", count: 40_000) + String(repeating: "</a>", count: 40_000)
        for text in [attributes, deep] {
            let started = ContinuousClock.now
            #expect(Self.error(Array(text.utf8)) != nil)
            #expect(ContinuousClock.now - started < .seconds(2), "\(text.prefix(40))")
        }
    }

    /// Every prefix of a genuine RIM (cut every 257 bytes) and 400 random byte edits: a typed error or a verdict,
    /// never a crash.
    @Test(.sharedVectors) func truncatedAndMutatedRIMsNeverCrash() throws {
        let genuine = try RIMVectors.bytes(RIMVectors.vbios)
        let instant = try RIMVectors.asOf(RIMVectors.vbios)
        for length in stride(from: 0, to: genuine.count, by: 257) {
            #expect(Self.error(Array(genuine.prefix(length))) != nil, "prefix \(length)")
        }
        var random = SplitMix64(state: 0x5249_4D21)
        var rejected = 0
        for _ in 0..<400 {
            var bytes = genuine
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if bytes == genuine { continue }
            do {
                if try !RIMVerifier().verify(bytes, at: instant).isValid { rejected += 1 }
            } catch is NvidiaRIMError {
                rejected += 1
            }
        }
        #expect(rejected > 300)
    }
}
