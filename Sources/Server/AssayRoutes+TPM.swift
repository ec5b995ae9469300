import AttestationCore
import Hummingbird

/// The TPM attestation-key enrollment routes: public, like `/v1/challenge`, since attesters call them before they
/// attest with a new AK.
extension AssayRoutes {
    func addTPMEnrollmentRoutes(to router: Router<AssayRequestContext>) {
        let limit = min(configuration.maxBodyBytes, TPMEnrollmentBody.maxBodyBytes)
        router.post("/v1/tpm/enrollments") { request, context in
            let enrollment = try TPMEnrollmentBody.request(try await HTTPBody.json(request, limit: limit))
            return HTTPBody.response(try await tpmEnrollment.enroll(enrollment, client: context.clientAddress), status: .created)
        }
        router.post("/v1/tpm/enrollments/:id/activation") { request, context in
            let id = try TPMEnrollmentBody.id(context.parameters.get("id"))
            let response = try TPMEnrollmentBody.response(try await HTTPBody.json(request, limit: limit))
            return HTTPBody.response(try await tpmEnrollment.activate(id: id, response: response, client: context.clientAddress))
        }
    }
}
