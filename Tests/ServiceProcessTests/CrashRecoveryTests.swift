import AssayTestSupport
import AttestationCore
import Foundation
import Synchronization
import Testing
import Tokens

/// The databases the crash test runs against.
enum CrashBackend: String, CaseIterable, Sendable { case sqlite, postgres }

/// What the load run was told was committed.
final class Acknowledged: Sendable {
    let audit = Mutex<[Int64]>([])
    let policies = Mutex<[String: Int64]>([:])
}

/// SIGKILL in the middle of a load run loses no acknowledged audit record or policy, and the server restarts.
@Suite(.serialized) struct CrashRecoveryTests {
    @Test(arguments: CrashBackend.allCases)
    func sigkillLosesNothingAcknowledged(_ backend: CrashBackend) async throws {
        let directory = try AssayProcess.scratch()
        switch backend {
        case .sqlite:
            try await run(database: "sqlite:\(directory.appendingPathComponent("crash.sqlite").path)", directory: directory)
        case .postgres:
            // Without ASSAY_TEST_POSTGRES_URL this case is reported skipped (a failure under CI=true).
            try await PostgresScratch.withDatabase { settings in
                try await run(database: settings.scratchURL, directory: directory)
            }
        }
    }

    func run(database: String, directory: URL) async throws {
        let environment = ["ASSAY_ADMIN_TOKEN": ServiceClient.adminToken, "ASSAY_KEK": KeyEncryptionKey.generate().fileContents]
        let first = try ServeProcess(arguments: ["--database", database], environment: environment, directory: directory)
        try await first.waitUntilHealthy()
        let client = ServiceClient(baseURL: first.baseURL)
        let bodies = try SampleBodies()
        let acknowledged = Acknowledged()

        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var round = 0
                    while true {
                        round += 1
                        do {
                            if worker == 0 {
                                let id = "p\(round % 5)"
                                let answer = try await client.send(.PUT, "/v1/policies/\(id)", body: Array("package p\(round)".utf8), admin: true)
                                if let version = answer.json["version"]?.integerValue { acknowledged.policies.withLock { $0[id] = version } }
                            } else {
                                let answer = try await client.send(.POST, "/v1/attest", body: try bodies.body(nonce: try await client.nonce()))
                                if let id = answer.json["audit_id"]?.integerValue { acknowledged.audit.withLock { $0.append(id) } }
                            }
                        } catch {
                            return
                        }
                    }
                }
            }
            group.addTask {
                // Kill mid-load once enough work was acknowledged (not after a fixed time: a busy machine is slow).
                let deadline = ContinuousClock.now.advanced(by: .seconds(60))
                try? await Task.sleep(for: .seconds(1))
                while acknowledged.audit.withLock({ $0.count }) < 40, ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                first.kill()
            }
        }
        let audited = acknowledged.audit.withLock { $0 }
        let policies = acknowledged.policies.withLock { $0 }
        #expect(audited.count > 20, "the load run acknowledged too few attestations to mean anything")

        let second = try ServeProcess(arguments: ["--database", database], environment: environment, directory: directory)
        defer { second.terminate() }
        try await second.waitUntilHealthy()
        let restarted = ServiceClient(baseURL: second.baseURL)
        var stored = Set<Int64>()
        var after: Int64 = 0
        while true {
            let page = try await restarted.send(.GET, "/v1/audit?after=\(after)&limit=1000", admin: true).json["records"]?.arrayValue ?? []
            guard let last = page.last?["id"]?.integerValue else { break }
            stored.formUnion(page.compactMap { $0["id"]?.integerValue })
            after = last
        }
        let lost = Set(audited).subtracting(stored)
        #expect(lost.isEmpty, "acknowledged audit records lost after SIGKILL: \(lost.sorted().prefix(10))")
        for (id, version) in policies {
            let stored = try await restarted.send(.GET, "/v1/policies/\(id)", admin: true).json["version"]?.integerValue ?? 0
            #expect(stored >= version, "policy \(id) version \(version) was acknowledged but \(stored) survived")
        }
        let fresh = try await restarted.send(.POST, "/v1/attest", body: try bodies.body(nonce: try await restarted.nonce()))
        #expect(fresh.status == 200, "the restarted server attests again")
        #expect(second.terminate() == 0, "graceful shutdown exits 0")
    }
}
