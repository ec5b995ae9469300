public import AttestationCore
import Foundation
public import HTTPTypes
public import KeyBroker
public import Logging
public import ServiceLifecycle
public import Storage
public import Tokens

/// What a TEE adds to the service beyond its verifier: settings, tables (both backends), public routes, background
/// services, and values sealed with the key-encryption key. The `assay` registry names the plug-ins; the server
/// itself names no TEE.
public protocol ServicePlugin: Sendable {
    /// The plug-in's name (its key in the migration record, and in logs).
    var name: String { get }
    /// Rows the plug-in adds to the settings table.
    var settings: [ServerSetting] { get }
    /// The plug-in's tables.
    var schema: PluginSchema { get }
    /// The plug-in's part of the OpenAPI document (`{"paths": {…}, "components": {"schemas": {…}}}`), merged into
    /// `/openapi.json`.
    func openAPIDocument() throws -> [UInt8]
    /// Builds the plug-in's parts once the store is migrated and the key-encryption key loaded.
    func start(_ context: PluginContext) async throws -> PluginParts
    /// What a key-encryption-key rotation must re-wrap and re-tag in the plug-in's tables.
    func rotationParticipant(store: Store) -> any KEKRotationParticipant
}

/// What a plug-in starts with: the resolved configuration (its own settings are in
/// ``ServerConfiguration/pluginValues``), the store, the key-encryption key and the service's shared parts.
public struct PluginContext: Sendable {
    public let configuration: ServerConfiguration
    public let store: Store
    public let kek: KeyEncryptionKey
    public let integrity: RowIntegrity
    public let refusals: RefusalLog
    public let clock: any TimeSource
    public let random: any RandomSource
    public let logger: Logger
}

/// What a started plug-in contributes.
public struct PluginParts: Sendable {
    /// Verifiers that replace the default ones for their TEEs (e.g. one that trusts keys the plug-in enrolled).
    public var verifiers: [any EvidenceVerifier]
    /// Public routes, run on the worker pool under the request deadline like the core's.
    public var routes: [PluginRoute]
    /// Background services (sweepers).
    public var services: [any Service]

    public init(verifiers: [any EvidenceVerifier] = [], routes: [PluginRoute] = [], services: [any Service] = []) {
        self.verifiers = verifiers
        self.routes = routes
        self.services = services
    }
}

/// One public route of a plug-in: a JSON body in (bounded), a JSON answer out.
public struct PluginRoute: Sendable {
    /// What the handler gets.
    public struct Request: Sendable {
        /// The body, at most ``PluginRoute/maxBodyBytes``.
        public let body: [UInt8]
        /// The path parameters by name (`:id` → `id`).
        public let parameters: [String: String]
        /// The client's address.
        public let client: String
    }

    /// The method.
    public let method: HTTPRequest.Method
    /// The path pattern, Hummingbird's syntax (`/v1/x/:id/y`).
    public let path: String
    /// The parameters the pattern names.
    public let parameterNames: [String]
    /// Largest body accepted (the service's own limit applies too).
    public let maxBodyBytes: Int
    /// The status of a successful answer.
    public let status: HTTPResponse.Status
    /// Handles one request; throws ``Problem``s or ``ProblemConvertible`` errors.
    public let handler: @Sendable (Request) async throws -> JSONValue

    public init(
        _ method: HTTPRequest.Method, _ path: String, maxBodyBytes: Int, status: HTTPResponse.Status = .ok,
        handler: @escaping @Sendable (Request) async throws -> JSONValue
    ) {
        self.method = method
        self.path = path
        parameterNames = path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
        self.maxBodyBytes = maxBodyBytes
        self.status = status
        self.handler = handler
    }
}
