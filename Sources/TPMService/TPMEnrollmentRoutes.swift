import AttestationCore
import Server

/// The enrollment routes: public, like `/v1/challenge`, since attesters call them before they attest with a new
/// AK.
enum TPMEnrollmentRoutes {
    static func routes(_ enrollment: TPMEnrollmentService) -> [PluginRoute] {
        [
            PluginRoute(.post, "/v1/tpm/enrollments", maxBodyBytes: TPMEnrollmentBody.maxBodyBytes, status: .created) { request in
                try await enrollment.enroll(
                    try TPMEnrollmentBody.request(try TPMEnrollmentRoutes.json(request.body)), client: request.client)
            },
            PluginRoute(.post, "/v1/tpm/enrollments/:id/activation", maxBodyBytes: TPMEnrollmentBody.maxBodyBytes) { request in
                let id = try TPMEnrollmentBody.id(request.parameters["id"])
                return try await enrollment.activate(
                    id: id, response: try TPMEnrollmentBody.response(try TPMEnrollmentRoutes.json(request.body)),
                    client: request.client)
            },
        ]
    }

    static func json(_ body: [UInt8]) throws -> JSONValue {
        do { return try JSONValue(parsing: body) } catch {
            throw TPMEnrollmentFailure.invalidRequest("the body is not valid JSON: \(error)")
        }
    }
}
