import Foundation
import PKI
import SwiftASN1
import Testing

/// ``CertificatePathBuilder``: paths found and refused, the preference among issuers, loop detection, every bound,
/// cancellation, and the attack shapes of the outside review, all with fresh P-256 keys.
@Suite struct CertificatePathBuilderTests {
    let now = TestAuthority.now

    /// Root → intermediate → leaf, the leaf an end entity.
    struct Chain {
        let root: TestAuthority
        let intermediate: TestAuthority
        let rootCertificate: X509Certificate
        let intermediateCertificate: X509Certificate
        let leaf: X509Certificate

        init() throws {
            root = try TestAuthority("Root")
            intermediate = try TestAuthority("Intermediate")
            rootCertificate = try root.root()
            intermediateCertificate = try root.issue(intermediate)
            leaf = try intermediate.issue(try TestAuthority("Leaf"), isCA: false)
        }
    }

    /// Runs `body` and expects it to take less than a second (in a debug build).
    func expectFast(_ body: () throws -> CertificatePathResult) rethrows -> CertificatePathResult {
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(1), "\(elapsed)")
        return result
    }

    @Test func genuinePathIsFoundWithOneCheckPerLink() throws {
        let chain = try Chain()
        let builder = CertificatePathBuilder(anchors: [chain.rootCertificate], candidates: [chain.intermediateCertificate])
        let result = builder.build(from: chain.leaf, at: now)
        #expect(result.outcome == .found)
        #expect(result.path == [chain.leaf, chain.intermediateCertificate, chain.rootCertificate])
        #expect(result.isAnchored && result.unverifiedLinks.isEmpty)
        #expect(result.signatureChecks == 2)
    }

    @Test func noAnchorMeansNoPathButAPartialOneToReport() throws {
        let chain = try Chain()
        let other = try TestAuthority("Root")
        let builder = CertificatePathBuilder(anchors: [try other.root()], candidates: [chain.intermediateCertificate])
        let result = builder.build(from: chain.leaf, at: now)
        #expect(result.outcome == .notFound)
        #expect(result.path.count == 3, "leaf, intermediate, then the anchor whose name matches")
        #expect(result.isAnchored)
        #expect(result.unverifiedLinks == [1], "the intermediate is not signed by the other root's key")
    }

    /// Intel re-issued its TCB signing certificate with the same key and serial: the one valid at the instant is
    /// preferred, whichever comes first.
    @Test func theIssuerValidAtTheInstantIsPreferred() throws {
        let chain = try Chain()
        let old = try chain.root.issue(chain.intermediate, notBefore: now - 10 * 86400, notAfter: now - 86400)
        let new = try chain.root.issue(chain.intermediate, notBefore: now - 3600, notAfter: now + 86400)
        let builder = CertificatePathBuilder(anchors: [chain.rootCertificate], candidates: [old, new])
        #expect(builder.build(from: chain.leaf, at: now).path[1] == new)
        let earlier = now - 2 * 86400
        #expect(builder.build(from: chain.leaf, at: earlier).path[1] == old)
        let neither = builder.build(from: chain.leaf, at: now + 10 * 86400)
        #expect(neither.outcome == .found && neither.path[1] == old, "none valid: the first that verifies")
    }

    @Test func theIssuerThatVerifiesIsPreferredOverAnEarlierNamesake() throws {
        let chain = try Chain()
        let impostor = try TestAuthority("Intermediate")
        let builder = CertificatePathBuilder(
            anchors: [chain.rootCertificate], candidates: [try chain.root.issue(impostor), chain.intermediateCertificate])
        let result = builder.build(from: chain.leaf, at: now)
        #expect(result.outcome == .found && result.path[1] == chain.intermediateCertificate)
    }

    /// A → B → A: the loop is cut by subject and key, whatever the certificates' bytes.
    @Test func loopsEndWithoutAPath() throws {
        let a = try TestAuthority("A")
        let b = try TestAuthority("B")
        var candidates: [X509Certificate] = []
        for index in 0..<20 {
            candidates.append(try b.issue(a, dnsName: "a\(index).example"))
            candidates.append(try a.issue(b, dnsName: "b\(index).example"))
        }
        let leaf = try a.issue(try TestAuthority("Leaf"), isCA: false)
        let result = try expectFast {
            CertificatePathBuilder(anchors: [try TestAuthority("Root").root()], candidates: candidates).build(from: leaf, at: now)
        }
        #expect(result.outcome == .notFound)
        #expect(result.signatureChecks <= 2)
        #expect(result.path.count == 3 && !result.isAnchored)
    }

    /// The review's attack: many certificates with the issuer's name and key, differing only in subjectAltName.
    @Test(arguments: [16, 200])
    func lookAlikeIssuersCountOnce(count: Int) throws {
        let evil = try TestAuthority("Evil")
        let lookAlikes = try (0..<count).map { try evil.issue(evil, dnsName: "n\($0).evil.example") }
        let leaf = try evil.issue(try TestAuthority("EK"), isCA: false)
        let result = try expectFast {
            CertificatePathBuilder(anchors: [try TestAuthority("GCE root").root()], candidates: lookAlikes).build(from: leaf, at: now)
        }
        #expect(result.outcome == (count > CertificatePathLimits.defaultMaxCandidates ? .limitReached(.candidates) : .notFound))
        #expect(result.signatureChecks == 1)
    }

    /// Many issuers with the same name and different keys: the signature budget ends the search.
    @Test func namesakesWithDistinctKeysStopAtTheSignatureBound() throws {
        let namesakes = try (0..<100).map { _ in try TestAuthority("Evil") }
        let root = try TestAuthority("Root")
        let candidates = try namesakes.map { try root.issue($0) }
        let leaf = try TestAuthority("Evil").issue(try TestAuthority("EK"), isCA: false)
        let result = try expectFast {
            CertificatePathBuilder(anchors: [try root.root()], candidates: candidates).build(from: leaf, at: now)
        }
        #expect(result.outcome == .limitReached(.signatureChecks))
        #expect(result.signatureChecks == CertificatePathLimits.defaultMaxSignatureChecks)
    }

    @Test func theLinkBoundEndsASearchOfCachedResults() throws {
        let namesakes = try (0..<5).map { _ in try TestAuthority("Evil") }
        let root = try TestAuthority("Root")
        let leaf = try TestAuthority("Evil").issue(try TestAuthority("EK"), isCA: false)
        let builder = CertificatePathBuilder(
            anchors: [try root.root()], candidates: try namesakes.map { try root.issue($0) },
            limits: CertificatePathLimits(maxLinksTried: 3))
        let result = builder.build(from: leaf, at: now)
        #expect(result.outcome == .limitReached(.linksTried))
        #expect(result.signatureChecks == 3)
    }

    /// A chain deeper than the bound: leaf ← C1 ← … ← C12 ← root.
    @Test func depthBombsStopAtTheDepthBound() throws {
        let root = try TestAuthority("Root")
        let authorities = try (1...12).map { try TestAuthority("C\($0)") }
        var candidates = [try root.issue(authorities[11])]
        for index in 0..<11 { candidates.append(try authorities[index + 1].issue(authorities[index])) }
        let leaf = try authorities[0].issue(try TestAuthority("Leaf"), isCA: false)
        let anchors = [try root.root()]
        let bounded = expectFast { CertificatePathBuilder(anchors: anchors, candidates: candidates).build(from: leaf, at: now) }
        #expect(bounded.outcome == .limitReached(.depth))
        #expect(bounded.path.count == CertificatePathLimits.defaultMaxDepth)
        let deep = CertificatePathBuilder(anchors: anchors, candidates: candidates, limits: CertificatePathLimits(maxDepth: 14))
        #expect(deep.build(from: leaf, at: now).outcome == .found)
    }

    @Test func candidatesBeyondTheBoundAreIgnoredAndNamed() throws {
        let chain = try Chain()
        let decoys = try (0..<3).map { try chain.root.issue(try TestAuthority("Decoy \($0)")) }
        let builder = CertificatePathBuilder(
            anchors: [chain.rootCertificate], candidates: decoys + [chain.intermediateCertificate, decoys[0]],
            limits: CertificatePathLimits(maxCandidates: 3))
        #expect(builder.ignoredCandidates == 1, "duplicates count once")
        let result = builder.build(from: chain.leaf, at: now)
        #expect(result.outcome == .limitReached(.candidates))
        #expect(result.ignoredCandidates == 1)
    }

    @Test func aPassedDeadlineStopsBeforeTheFirstSignature() throws {
        let chain = try Chain()
        let builder = CertificatePathBuilder(
            anchors: [chain.rootCertificate], candidates: [chain.intermediateCertificate],
            limits: CertificatePathLimits(deadline: .now - .seconds(1)))
        let result = builder.build(from: chain.leaf, at: now)
        #expect(result.outcome == .deadlineExceeded)
        #expect(result.signatureChecks == 0)
    }

    @Test func cancellationStopsTheSearch() async throws {
        let chain = try Chain()
        let builder = CertificatePathBuilder(anchors: [chain.rootCertificate], candidates: [chain.intermediateCertificate])
        let leaf = chain.leaf
        let instant = now
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return builder.build(from: leaf, at: instant)
        }
        task.cancel()
        let result = await task.value
        #expect(result.outcome == .cancelled)
        #expect(result.signatureChecks == 0)
    }

    @Test func aSharedCacheSavesSignatureChecksAcrossSearches() throws {
        let chain = try Chain()
        let cache = CertificateSignatureCache()
        let builder = CertificatePathBuilder(
            anchors: [chain.rootCertificate], candidates: [chain.intermediateCertificate], signatureCache: cache)
        #expect(builder.build(from: chain.leaf, at: now).signatureChecks == 2)
        let again = builder.build(from: chain.leaf, at: now)
        #expect(again.outcome == .found && again.signatureChecks == 0)
    }

    // MARK: - RFC 5280 policy

    @Test func thePolicyRefusesNonCAIssuersAndTheSearchTakesAnAcceptedLookAlike() throws {
        let chain = try Chain()
        let notCA = try chain.root.issue(chain.intermediate, isCA: false, dnsName: "a.example")
        let policy = RFC5280PathPolicy()
        let refused = CertificatePathBuilder(anchors: [chain.rootCertificate], candidates: [notCA], policy: policy)
            .build(from: chain.leaf, at: now)
        #expect(refused.outcome == .notFound)
        #expect(refused.policyProblems.contains { $0.contains("not a CA") }, "\(refused.policyProblems)")
        let accepted = CertificatePathBuilder(
            anchors: [chain.rootCertificate], candidates: [notCA, chain.intermediateCertificate], policy: policy
        ).build(from: chain.leaf, at: now)
        #expect(accepted.outcome == .found && accepted.path[1] == chain.intermediateCertificate)
    }

    @Test func thePolicyChecksPathLengthKeyUsageValidityAndCriticalExtensions() throws {
        let root = try TestAuthority("Root")
        let intermediate = try TestAuthority("Intermediate")
        let leaf = try intermediate.issue(try TestAuthority("Leaf"), isCA: false)
        let unknown: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 99999, 1]
        let cases: [(X509Certificate, X509Certificate, String)] = [
            (try root.issue(root, pathLength: 0), try root.issue(intermediate), "allows 0 intermediates"),
            (try root.root(), try root.issue(intermediate, keyCertSign: false), "keyCertSign"),
            (try root.root(), try root.issue(intermediate, notAfter: now - 1), "not valid at"),
            (try root.root(), try root.issue(intermediate, criticalOID: unknown), "not understood"),
        ]
        for (anchor, issuer, problem) in cases {
            let result = CertificatePathBuilder(anchors: [anchor], candidates: [issuer], policy: RFC5280PathPolicy())
                .build(from: leaf, at: now)
            #expect(result.outcome == .notFound, "\(problem)")
            #expect(result.policyProblems.contains { $0.contains(problem) }, "\(result.policyProblems)")
        }
        let understood = CertificatePathBuilder(
            anchors: [try root.root()], candidates: [try root.issue(intermediate, criticalOID: unknown)],
            policy: RFC5280PathPolicy(understoodCriticalExtensions: [unknown.description]))
        #expect(understood.build(from: leaf, at: now).outcome == .found)
    }
}
