import AttestationCore
import Foundation

/// The OpenAPI 3.1 description of the API, shipped as a resource and served at `/openapi.json`, with each service
/// plug-in's paths and schemas merged in.
enum OpenAPIDocument {
    static func bytes(plugins: [any ServicePlugin]) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path),
            case .object(var document) = try JSONValue(parsing: Array(data))
        else { throw ConfigurationError(setting: "openapi", source: "bundle", reason: "openapi.json resource is missing") }
        for plugin in plugins {
            guard case .object(let fragment) = try JSONValue(parsing: try plugin.openAPIDocument()) else {
                throw ConfigurationError(setting: "openapi", source: plugin.name, reason: "the plug-in's document is not an object")
            }
            document["paths"] = merged(document["paths"], fragment["paths"])
            document["tags"] = .array((document["tags"]?.arrayValue ?? []) + (fragment["tags"]?.arrayValue ?? []))
            if case .object(var components) = document["components"] ?? .object([:]) {
                components["schemas"] = merged(components["schemas"], fragment["components"]?["schemas"])
                document["components"] = .object(components)
            }
        }
        return JSONValue.object(document).compactBytes
    }

    /// The members of both objects (the second's win).
    static func merged(_ base: JSONValue?, _ addition: JSONValue?) -> JSONValue {
        var members = base?.objectValue ?? [:]
        for (key, value) in addition?.objectValue ?? [:] { members[key] = value }
        return .object(members)
    }
}
