/// The built-ins that reach the network in OPA: http.send and net.lookup_ip_addr. This evaluator makes no
/// network requests, so they check their operands as OPA does and then fail with a builtin error (http.send with
/// `raise_error: false` reports the failure in its response instead, as OPA does for a network error). A host
/// that wants them registers its own implementation with `BuiltinRegistry.replace`. `with` can mock them.
extension BuiltinRegistry {
    /// The request keys http.send accepts.
    static let httpSendKeys: Set<String> = [
        "url", "method", "body", "raw_body", "headers", "enable_redirect", "force_json_decode", "force_yaml_decode",
        "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
        "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
        "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache",
        "force_cache", "force_cache_duration_seconds", "caching_mode", "raise_error", "max_retry_attempts",
        "cache_ignored_headers",
    ]

    /// The request keys http.send requires.
    static let httpSendRequiredKeys: Set<String> = ["method", "url"]

    /// Names as OPA prints a set of strings: `{"a", "b"}`, sorted.
    private static func keySet(_ names: some Sequence<String>) -> String {
        "{" + names.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "}"
    }

    private static func httpSend(_ a: Operands) throws(RegoError) -> Value {
        let request = try a.object(0)
        var keys: [String] = []
        for key in request.keys {
            guard case .string(let name) = key else { throw a.typeError(0, "object with string keys") }
            keys.append(name)
        }
        let unknown = keys.filter { !httpSendKeys.contains($0) }
        guard unknown.isEmpty else {
            throw .evalType(message: "http.send: invalid request parameters(s): \(keySet(unknown))")
        }
        let missing = httpSendRequiredKeys.subtracting(keys)
        guard missing.isEmpty else {
            throw .evalType(message: "http.send: missing required request parameters(s): \(keySet(missing))")
        }
        let message = "network access is not available to this evaluator; register an http.send implementation with BuiltinRegistry.replace or mock it with `with`"
        if request["raise_error"] == .bool(false) {
            let error: [String: Value] = ["code": .string("eval_http_send_network_error"), "message": .string(message)]
            return .object(ObjectValue(["status_code": .int(0), "error": .object(ObjectValue(error))]))
        }
        throw a.failure(message)
    }

    static let network: [Builtin] = [
        define("http.send", 1, nondeterministic: true) { a, _ in try httpSend(a) },
        define("net.lookup_ip_addr", 1, nondeterministic: true) { a, ctx in
            let name = try a.string(0)
            // An address names itself without a lookup.
            if let address = IPNetwork.parseAddress(name) {
                return .set(SetValue([try ctx.string(IPNetwork.format(address))]))
            }
            throw a.failure("network access is not available to this evaluator to look up \(name)")
        },
    ]
}
