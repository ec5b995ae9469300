public import Foundation
public import Storage

/// A TPM attestation key activated against an EK by credential activation, as stored: what a verifier needs to
/// trust quotes signed by it (every replica reads the same records), with the integrity tag that shows the service
/// wrote it.
public struct TPMAttestationKeyRecord: Sendable, Hashable {
    /// The table activated keys live in (part of their integrity tags).
    public static let table = "tpm_attestation_keys"

    /// The AK's TPM name (nameAlg ‖ digest of its public area), lowercase hex: the key of the record.
    public let akName: String
    /// The AK's TPMT_PUBLIC.
    public let akPublic: [UInt8]
    /// The EK's TPMT_PUBLIC.
    public let ekPublic: [UInt8]
    /// The EK certificate (DER) the AK was activated against.
    public let ekCertificate: [UInt8]
    /// When the activation succeeded.
    public let activatedAt: Date
    /// The integrity tag over ``content``.
    public let mac: String

    public init(
        akName: String, akPublic: [UInt8], ekPublic: [UInt8], ekCertificate: [UInt8], activatedAt: Date, mac: String = ""
    ) {
        self.akName = akName
        self.akPublic = akPublic
        self.ekPublic = ekPublic
        self.ekCertificate = ekCertificate
        self.activatedAt = activatedAt
        self.mac = mac
    }

    /// What the integrity tag covers.
    public var content: RowContent {
        RowContent(
            table: Self.table, key: akName, version: 1,
            fields: [
                StoredBytes.text(akPublic), StoredBytes.text(ekPublic), StoredBytes.text(ekCertificate),
                String(Milliseconds.from(activatedAt)),
            ])
    }

    /// A copy carrying the tag `tagger` makes.
    public func tagged(by tagger: any RowTagger) -> TPMAttestationKeyRecord {
        TPMAttestationKeyRecord(
            akName: akName, akPublic: akPublic, ekPublic: ekPublic, ekCertificate: ekCertificate, activatedAt: activatedAt,
            mac: tagger.tag(content))
    }
}
