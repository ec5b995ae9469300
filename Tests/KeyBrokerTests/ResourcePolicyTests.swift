import AttestationCore
import Foundation
import KeyBroker
import Testing

@Suite struct ResourcePolicyTests {
    static let policy = """
        package assay.release

        default allow := false

        allow if {
            input.tee == "sample"
            input.claims.measurement == "aa"
            startswith(input.path, "apps/db/")
        }

        reasons contains "measurement is not the released build" if input.claims.measurement != "aa"
        """

    func input(measurement: String, path: String = "apps/db/key") throws -> JSONValue {
        let token: JSONValue = [
            "iss": "https://assay.example", "assay.tee_pubkey": ["kty": "EC"],
            "submods": [
                "sample": [
                    "ear.status": "warning", "ear.trustworthiness-vector": ["executables": 2],
                    "ear.appraisal-policy-id": "assay-default-v1",
                    "ear.veraison.annotated-evidence": ["measurement": .string(measurement)],
                ]
            ],
        ]
        return ReleaseInput(token: token, path: try SecretPath(path), client: "127.0.0.1", at: Date()).json
    }

    @Test func allowsTheMatchingWorkload() throws {
        let policy = try ResourcePolicy(prefix: "apps/db", source: Self.policy)
        let decision = try policy.decide(try input(measurement: "aa"), at: Date())
        #expect(decision.allowed)
        #expect(decision.prefix == "apps/db")
        #expect(decision.policyDigest.count == 64)
    }

    @Test func refusesAnotherMeasurementWithTheRuleAndTheReasons() throws {
        let policy = try ResourcePolicy(prefix: "apps/db", source: Self.policy)
        let decision = try policy.decide(try input(measurement: "bb"), at: Date())
        #expect(!decision.allowed)
        #expect(decision.reasons == ["measurement is not the released build"])
        #expect(decision.rule.contains("data.assay.release.allow") && decision.rule.contains("apps/db"))
    }

    @Test func undefinedAllowIsARefusal() throws {
        let policy = try ResourcePolicy(prefix: "x", source: "package assay.release\nallow if input.never == true\n")
        #expect(try !policy.decide(try input(measurement: "aa"), at: Date()).allowed)
    }

    @Test func inputCarriesTheTokenParts() throws {
        let json = try input(measurement: "aa")
        #expect(json["tee"]?.stringValue == "sample")
        #expect(json["status"]?.stringValue == "warning")
        #expect(json["trust_vector"]?["executables"]?.integerValue == 2)
        #expect(json["tee_pubkey"]?["kty"]?.stringValue == "EC")
        #expect(json["request"]?["client"]?.stringValue == "127.0.0.1")
    }

    @Test(arguments: [
        "package other\nallow := true\n", "package assay.release\nallow if {\n", "not rego at all",
    ])
    func invalidPoliciesAreRefusedAtUpload(_ source: String) {
        #expect(throws: KeyBrokerError.self) { try ResourcePolicy(prefix: "x", source: source) }
    }

    @Test func aNonBooleanAllowIsAPolicyFailureNotARelease() throws {
        let policy = try ResourcePolicy(prefix: "x", source: "package assay.release\nallow := \"yes\"\n")
        #expect(throws: KeyBrokerError.self) { try policy.decide(try input(measurement: "aa"), at: Date()) }
    }
}
