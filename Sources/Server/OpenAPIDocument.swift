import Foundation

/// The OpenAPI 3.1 description of the API, shipped as a resource and served at `/openapi.json`.
enum OpenAPIDocument {
    static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ConfigurationError(setting: "openapi", source: "bundle", reason: "openapi.json resource is missing") }
        return Array(data)
    }
}
