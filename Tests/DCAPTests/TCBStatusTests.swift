import AttestationCore
import DCAP
import Foundation
import Testing

/// Every branch of QVL's TCB status computation, through the verifier, with collateral signed by a fake Intel PKI.
@Suite struct TCBStatusTests {
    static let platform = Scenario.sgxComponents
    static let higher: [UInt8] = [9] + Array(platform.dropFirst())

    func scenario(_ kind: FakeQuote.Kind = .td10, levels: [FakeTCBInfo.Level]) throws -> Scenario {
        var scenario = try Scenario(kind)
        scenario.tcbInfo.levels = levels
        return scenario
    }

    @Test(arguments: ["UpToDate", "SWHardeningNeeded", "ConfigurationNeeded", "ConfigurationAndSWHardeningNeeded", "OutOfDate", "OutOfDateConfigurationNeeded"])
    func firstMatchingLevelDecides(status: String) async throws {
        for kind in [FakeQuote.Kind.sgx, .td10] {
            // Listed lowest first: QVL orders levels itself (highest SGX components first).
            let scenario = try self.scenario(
                kind,
                levels: [
                    .init(sgx: [UInt8](repeating: 0, count: 16), pce: 0, status: "OutOfDate", advisories: ["INTEL-SA-00001"]),
                    .init(sgx: Self.platform, pce: 11, status: status, advisories: ["INTEL-SA-00615"]),
                    .init(sgx: Self.higher, pce: 11, status: "UpToDate"),
                ])
            let verdict = try await scenario.verify()
            #expect(verdict.isValid, "\(verdict.failures)")
            #expect(verdict.status == status, "\(kind)")
            #expect(verdict.claims["advisory_ids"] == ["INTEL-SA-00615"])
            #expect(verdict.claims["tcb_date"] == "2024-03-13T00:00:00Z")
        }
    }

    @Test func revokedLevelIsAFailure() async throws {
        let verdict = try await scenario(levels: [.init(sgx: Self.platform, pce: 11, status: "Revoked")]).verify()
        #expect(verdict.status == "Revoked")
        #expect(verdict.failedChecks == ["tcb_status_not_revoked"])
    }

    @Test func noMatchingLevelIsNotSupported() async throws {
        let verdict = try await scenario(levels: [.init(sgx: Self.higher, pce: 11, status: "UpToDate")]).verify()
        #expect(verdict.isValid)
        #expect(verdict.status == "NotSupported")
        #expect(verdict.claims["tcb_date"] == .null)
        let pce = try await scenario(levels: [.init(sgx: Self.platform, pce: 12, status: "UpToDate")]).verify()
        #expect(pce.status == "NotSupported")
    }

    @Test func tdxComponentsSelectTheLevel() async throws {
        // TEE_TCB_SVN is 06 01 03…; with module version 1, bytes 0 and 1 are left to the module identity.
        var required = [UInt8](repeating: 0, count: 16)
        required[2] = 4
        var ignored = [UInt8](repeating: 0, count: 16)
        ignored[0] = 9
        ignored[1] = 9
        let verdict = try await scenario(levels: [
            .init(sgx: Self.platform, pce: 11, tdx: required, status: "UpToDate"),
            .init(sgx: Self.platform, pce: 11, tdx: ignored, status: "SWHardeningNeeded"),
        ]).verify()
        #expect(verdict.status == "SWHardeningNeeded")
    }

    @Test func moduleVersionZeroComparesEveryTDXComponent() async throws {
        var scenario = try scenario(levels: [
            .init(sgx: Self.platform, pce: 11, tdx: [7] + [UInt8](repeating: 0, count: 15), status: "UpToDate"),
            .init(sgx: Self.platform, pce: 11, status: "OutOfDate"),
        ])
        scenario.quote.teeTCBSVN = [6, 0, 3] + [UInt8](repeating: 0, count: 13)
        let verdict = try await scenario.verify()
        #expect(verdict.status == "OutOfDate")
        #expect(verdict.claims["tdx_module"] == nil)
    }

    @Test func outOfDateModuleIsFoldedIn() async throws {
        for (level, expected) in [("UpToDate", "OutOfDate"), ("ConfigurationNeeded", "OutOfDateConfigurationNeeded")] {
            var scenario = try scenario(levels: [.init(sgx: Self.platform, pce: 11, status: level)])
            scenario.tcbInfo.moduleIdentities = [("TDX_01", [(7, "UpToDate"), (3, "OutOfDate")])]
            let verdict = try await scenario.verify()
            #expect(verdict.status == expected)
            #expect(verdict.claims["tdx_module"]?["tcb_status"] == "OutOfDate")
            #expect(verdict.claims["tdx_module"]?["id"] == "TDX_01")
        }
    }

    @Test func revokedModuleRevokesTheTCB() async throws {
        var scenario = try scenario(levels: [.init(sgx: Self.platform, pce: 11, status: "UpToDate")])
        scenario.tcbInfo.moduleIdentities = [("TDX_01", [(7, "UpToDate"), (3, "Revoked")])]
        let verdict = try await scenario.verify()
        #expect(verdict.status == "Revoked")
        #expect(verdict.failedChecks == ["tcb_status_not_revoked"])
    }

    @Test func moduleBelowEveryLevelIsNotSupported() async throws {
        var scenario = try scenario(levels: [.init(sgx: Self.platform, pce: 11, status: "UpToDate")])
        scenario.tcbInfo.moduleIdentities = [("TDX_01", [(7, "UpToDate")])]
        #expect(try await scenario.verify().status == "NotSupported")
    }

    @Test func unknownModuleOrSignerIsAMismatch() async throws {
        var scenario = try scenario(levels: [.init(sgx: Self.platform, pce: 11, status: "UpToDate")])
        scenario.tcbInfo.moduleIdentities = [("TDX_02", [(1, "UpToDate")])]
        let missing = try await scenario.verify()
        #expect(missing.failedChecks == ["tdx_module_identity"])
        #expect(missing.failures.first?.observed.contains("TDX_01") == true)
        scenario.tcbInfo.moduleIdentities = [("TDX_01", [(1, "UpToDate")])]
        scenario.quote.mrSignerSeam = [UInt8](repeating: 1, count: 48)
        #expect(try await scenario.verify().failedChecks == ["tdx_module_identity"])
    }

    @Test func qeStatusIsFoldedIn() async throws {
        var scenario = try scenario(levels: [.init(sgx: Self.platform, pce: 11, status: "UpToDate")])
        scenario.quote.qeISVSVN = 7
        let outOfDate = try await scenario.verify()
        #expect(outOfDate.claims["qe_tcb_status"] == "OutOfDate")
        #expect(outOfDate.status == "OutOfDate")
        scenario.quote.qeISVSVN = 5
        let unsupported = try await scenario.verify()
        #expect(unsupported.claims["qe_tcb_status"] == "NotSupported")
        #expect(unsupported.status == "NotSupported")
        scenario.quote.qeISVSVN = 7
        scenario.qeIdentity?.levels = [(8, "UpToDate"), (6, "Revoked")]
        let revoked = try await scenario.verify()
        #expect(revoked.status == "Revoked")
        #expect(revoked.failedChecks == ["tcb_status_not_revoked"])
    }

    @Test func tdRelaunchIsAdvisedWhenANewerModuleRuns() async throws {
        for (level, expected) in [("UpToDate", "TDRelaunchAdvised"), ("ConfigurationNeeded", "TDRelaunchAdvisedConfigurationNeeded")] {
            var scenario = try scenario(.td15, levels: [.init(sgx: Self.platform, pce: 11, status: level)])
            scenario.quote.teeTCBSVN = [2, 1, 3] + [UInt8](repeating: 0, count: 13)
            scenario.quote.teeTCBSVN2 = [3, 1, 3] + [UInt8](repeating: 0, count: 13)
            let verdict = try await scenario.verify()
            #expect(verdict.status == expected)
            scenario.quote.teeTCBSVN2 = [2, 1, 3] + [UInt8](repeating: 0, count: 13)
            #expect(try await scenario.verify().status == (level == "UpToDate" ? "OutOfDate" : "OutOfDateConfigurationNeeded"))
        }
    }
}
