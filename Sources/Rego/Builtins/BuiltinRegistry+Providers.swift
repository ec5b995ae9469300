/// providers.aws.sign_req: adds AWS Signature Version 4 headers to an `http.send` request object.
extension BuiltinRegistry {
    private static let requiredRequestKeys = ["method", "url"]
    private static let requiredAWSKeys = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"]

    /// OPA's type error naming the operand and a set of keys: `operand 1 missing required … {"method", "url"}`.
    private static func keysError(_ a: Operands, _ operand: Int, _ what: String, _ keys: [String]) -> RegoError {
        .evalType(message: "\(a.name): operand \(operand) \(what): {\(keys.map { "\"\($0)\"" }.joined(separator: ", "))}")
    }

    /// The string members `keys` of `object`, or OPA's error listing the missing, then the non-string ones.
    private static func strings(_ a: Operands, _ object: ObjectValue, _ keys: [String], operand: Int, _ noun: String) throws(RegoError) -> [String: String] {
        let missing = keys.filter { object[$0] == nil }
        guard missing.isEmpty else { throw keysError(a, operand, "missing required \(noun) parameters(s)", missing) }
        let invalid = keys.filter { object[$0]?.stringValue == nil }
        guard invalid.isEmpty else { throw keysError(a, operand, "invalid values for required \(noun) parameters(s)", invalid) }
        var out: [String: String] = [:]
        for k in keys { out[k] = object[k]?.stringValue }
        return out
    }

    static let providers: [Builtin] = [
        define("providers.aws.sign_req", 3) { a, ctx in
            var request = try a.object(0)
            let config = try a.object(1)
            let req = try strings(a, request, requiredRequestKeys, operand: 1, "request")
            let aws = try strings(a, config, requiredAWSKeys, operand: 2, "AWS config")
            var sessionToken: String?
            if let token = config["aws_session_token"] {
                guard case .string(let s) = token else {
                    throw RegoError.evalType(message: "\(a.name): operand 2 invalid value for 'aws_session_token' in AWS config")
                }
                sessionToken = s
            }
            var unsigned = false
            if let flag = config["disable_payload_signing"] {
                guard case .bool(let b) = flag else {
                    throw RegoError.evalType(message: "\(a.name): operand 2 invalid value for 'disable_payload_signing' in AWS config")
                }
                unsigned = b
            }
            let nanoseconds = try a.number(2)
            guard nanoseconds.signum >= 0, let ns = nanoseconds.floor.intValue else {
                throw RegoError.evalType(message: "\(a.name): operand 3 could not convert time_ns value into a unix timestamp")
            }

            var requestHeaders: [(name: String, value: String)] = []
            var outputHeaders = ObjectValue()
            if let headers = request["headers"] {
                guard case .object(let h) = headers else { throw RegoError.evalType(message: "\(a.name): operand 1 headers must be an object") }
                for (k, v) in h.pairs {
                    guard case .string(let name) = k, case .string(let value) = v else {
                        throw RegoError.evalType(message: "\(a.name): operand 1 header names and values must be strings")
                    }
                    requestHeaders.append((name, value))
                    outputHeaders.set(k, v)
                }
            }
            let body: [UInt8]
            if let raw = request["raw_body"] {
                guard case .string(let s) = raw else { throw RegoError.evalType(message: "\(a.name): operand 1 raw_body must be a string") }
                body = Array(s.utf8)
            } else if let value = request["body"] {
                try ctx.budget.checkText(of: value)
                var text = ""
                value.writeJSON(into: &text, escapeHTML: true)
                body = Array(text.utf8)
            } else {
                body = []
            }

            let signer = AWSSignatureV4(
                credentials: .init(
                    accessKey: aws["aws_access_key"] ?? "", secretKey: aws["aws_secret_access_key"] ?? "",
                    sessionToken: sessionToken, service: aws["aws_service"] ?? "", region: aws["aws_region"] ?? ""),
                unsignedPayload: unsigned)
            let added = signer.headers(
                method: req["method"] ?? "", url: req["url"] ?? "", requestHeaders: requestHeaders, body: body,
                unixSeconds: ns / 1_000_000_000)
            for (name, value) in added { outputHeaders.set(.string(name), .string(value)) }
            request.set(.string("headers"), .object(outputHeaders))
            return .object(request)
        },
    ]
}
