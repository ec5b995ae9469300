import AttestationCore
import AttestedTLS

/// The text rendering of a judged attested certificate (`assay tls verify-cert`, `connect`).
enum PeerAttestationText {
    static func render(_ attestation: PeerAttestation) -> String {
        var lines = [attestation.accepted ? "Peer:       ACCEPTED" : "Peer:       REFUSED"]
        for reason in attestation.reasons { lines.append("  - \(reason)") }
        lines.append("Binding:")
        for (name, value) in attestation.binding.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0))\(value.stringValue ?? value.compactText)")
        }
        if let outcome = attestation.outcome { lines.append(OutcomeText.render(outcome)) }
        if let claims = attestation.tokenClaims {
            lines.append("Token claims:")
            lines.append(contentsOf: claims.prettyText.split(separator: "\n").map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }
}
