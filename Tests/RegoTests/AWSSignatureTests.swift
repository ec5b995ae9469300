import Rego
import Testing

/// providers.aws.sign_req beyond the conformance vectors: what is signed and what is not given away.
@Suite("AWS Signature Version 4")
struct AWSSignatureTests {
    private func sign(_ request: String) throws -> ObjectValue {
        let policy = try Policy(modules: [RegoModule(fileName: "t.rego", source: """
            package t
            r := providers.aws.sign_req(\(request), {"aws_access_key": "AKID", "aws_secret_access_key": "SECRET", "aws_service": "s3", "aws_region": "eu-west-1"}, 1451311705000000000)
            """)])
        let value = try #require(try policy.evaluate(document: "data.t.r"))
        return try #require(value.objectValue?["headers"]?.objectValue)
    }

    @Test("the body, the query and the request's headers are all covered by the signature; the secret is not sent")
    func coverage() throws {
        let base = try sign(#"{"method": "get", "url": "https://b.example/k?b=2&a=1", "body": {"x": 1}}"#)
        let authorization = try #require(base["Authorization"]?.stringValue)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/20151228/eu-west-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature="))
        #expect(!base.values.contains { $0.stringValue?.contains("SECRET") == true })
        #expect(base["host"] == .string("b.example"))
        let variants = [
            #"{"method": "get", "url": "https://b.example/k?b=2&a=1", "body": {"x": 2}}"#,
            #"{"method": "get", "url": "https://b.example/k?b=3&a=1", "body": {"x": 1}}"#,
            #"{"method": "put", "url": "https://b.example/k?b=2&a=1", "body": {"x": 1}}"#,
            #"{"method": "get", "url": "https://b.example/k?b=2&a=1", "body": {"x": 1}, "headers": {"x-extra": "1"}}"#,
        ]
        for variant in variants {
            #expect(try sign(variant)["Authorization"] != base["Authorization"], "\(variant)")
        }
        // Query parameters are signed in sorted order, so their order in the URL does not matter.
        let reordered = try sign(#"{"method": "get", "url": "https://b.example/k?a=1&b=2", "body": {"x": 1}}"#)
        #expect(reordered["Authorization"] == base["Authorization"])
    }
}
