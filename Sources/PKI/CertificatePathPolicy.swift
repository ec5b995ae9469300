public import Foundation

/// What a caller requires of the certificates of a path beyond names and signatures, checked by
/// ``CertificatePathBuilder`` as it appends each one, so that a path the policy refuses is never returned as found
/// and the search goes on with other issuers.
public protocol CertificatePathPolicy: Sendable {
    /// Why `certificate` may not stand at `position` of a path at `instant`, empty when it may. Position 0 is the
    /// leaf; the issuer at position p has p - 1 intermediates between it and the leaf.
    func problems(with certificate: X509Certificate, at position: Int, instant: Date) -> [String]
}
