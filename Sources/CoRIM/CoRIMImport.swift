public import Appraisal
import AttestationCore

/// The Assay reference values a CoRIM's reference triples give, and every part of it that was not imported, named.
///
/// Environments map to TEEs as ``CoRIMClaimMap`` says; within one, each measurement member goes to one claim:
/// - SEV-SNP (AMD SEV-SNP CoRIM profile mkeys; text mkeys by name): mkey 0 (or none, or "measurement") — digests
///   `[7, MEASUREMENT]` → `measurement`, svn → `guest_svn`, raw-value → `family_id`, version → `image_id`;
///   mkey 2 "vmpl" raw uint → `vmpl`; mkey 5 "id_key_digest" → `id_key_digest`; mkey 6 "author_key_digest" →
///   `author_key_digest`; mkey 8 "host_data" raw-value → `host_data`.
/// - TDX (text mkeys): "mr_td", "mr_seam", "mr_signer_seam", "mr_config_id", "mr_owner", "mr_owner_config",
///   "rtmr0"…"rtmr3" — SHA-384 digests or 48-byte raw values; integrity-registers 0…3 → `rtmr0`…`rtmr3`.
/// - SGX (text mkeys): "mr_enclave", "mr_signer" — SHA-256 digests or 32-byte raw values, with svn → `isv_svn`;
///   "isv_svn" svn; "isv_prod_id" raw uint.
///
/// An exact svn (uint or tag 552) becomes a value, a minimum svn (tag 553) a `minimum`.
public struct CoRIMImport: Sendable {
    /// The reference values, in the order the CoRIM gives them.
    public private(set) var referenceValues: [ReferenceValue] = []
    /// What was not imported, each naming where it is in the CoRIM and why.
    public private(set) var skipped: [String] = []

    /// Maps `corim`'s reference triples; `source` names the file in provenance and messages. A signed CoRIM throws
    /// ``CoRIMError/signatureNotVerified`` unless `allowUnverifiedSignature`, and its provenance then says so.
    public init(_ corim: CoRIM, source: String, allowUnverifiedSignature: Bool = false) throws {
        if corim.isSigned, !allowUnverifiedSignature { throw CoRIMError.signatureNotVerified }
        for tag in corim.otherTags { skipped.append("\(source) \(tag): only CoMIDs carry reference values") }
        var origin = "CoRIM \(source), id \(corim.id)"
        if let profile = corim.profile { origin += ", profile \(profile)" }
        if corim.isSigned { origin += ", signature NOT verified" }
        for comid in corim.comids {
            let comidLocation = "\(source) CoMID '\(comid.tagID)'"
            for other in comid.otherTriples { skipped.append("\(comidLocation): \(other) not imported (only reference-triples are)") }
            for (index, triple) in comid.referenceTriples.enumerated() {
                let location = "\(comidLocation) reference-triples[\(index)]"
                guard let map = CoRIMClaimMap(triple.environment) else {
                    skipped.append("\(location): \(triple.environment.description) is not SEV-SNP, TDX or SGX")
                    continue
                }
                guard !triple.environment.hasInstance else {
                    skipped.append("\(location): names one instance; Assay's reference values apply to every \(map.tee) TEE")
                    continue
                }
                let provenance = "\(origin), CoMID \(comid.tagID), \(triple.environment.description)"
                for (number, measurement) in triple.measurements.enumerated() {
                    add(measurement, map: map, location: "\(location) measurements[\(number)]", provenance: provenance)
                }
            }
        }
    }

    mutating func add(_ measurement: MeasurementMap, map: CoRIMClaimMap, location: String, provenance: String) {
        let values = measurement.values
        let key = measurement.key.map(\.description) ?? "no mkey"
        for other in values.others { skipped.append("\(location) (\(key)): \(other) has no Assay claim") }
        for (name, digests) in values.integrityRegisters.sorted(by: { $0.key < $1.key }) {
            guard let slot = map.register(name) else {
                skipped.append("\(location) (\(key)): integrity register \(name) has no \(map.tee) claim")
                continue
            }
            addDigests(digests, slot: slot, tee: map.tee, location: location, provenance: provenance)
        }
        let hasMembers = !values.digests.isEmpty || values.rawValue != nil || values.svn != nil || values.version != nil
        guard hasMembers else { return }
        guard let element = map.element(measurement.key) else {
            skipped.append("\(location): \(key) has no \(map.tee) claim")
            return
        }
        if !values.digests.isEmpty {
            if let slot = element.digest {
                addDigests(values.digests, slot: slot, tee: map.tee, location: location, provenance: provenance)
            } else {
                skipped.append("\(location) (\(key)): digests have no \(map.tee) claim")
            }
        }
        if let raw = values.rawValue {
            switch (raw, element.raw) {
            case (.masked, _):
                skipped.append("\(location) (\(key)): a masked raw value cannot be an exact reference value")
            case (.bytes(let bytes), let slot?) where slot.length.map { $0 == bytes.count } ?? true:
                append(slot, tee: map.tee, values: [Hex.encode(bytes)], provenance: provenance)
            case (.number(let number), let slot?) where slot.length == nil:
                append(slot, tee: map.tee, values: [String(number)], provenance: provenance)
            case (_, let slot?):
                skipped.append("\(location) (\(key)): raw value does not have the form of \(slot.claim)")
            case (_, nil):
                skipped.append("\(location) (\(key)): raw value has no \(map.tee) claim")
            }
        }
        if let svn = values.svn {
            if let slot = element.svn {
                switch svn {
                case .exact(let number): append(slot, tee: map.tee, values: [String(number)], provenance: provenance)
                case .minimum(let number) where number <= UInt64(ReferenceValue.maxMinimumMagnitude):
                    referenceValues.append(
                        ReferenceValue(tee: map.tee, claim: slot.claim, minimum: Int64(number), provenance: provenance, component: slot.component))
                case .minimum(let number):
                    skipped.append("\(location) (\(key)): minimum svn \(number) is above 2^53-1")
                }
            } else {
                skipped.append("\(location) (\(key)): svn has no \(map.tee) claim")
            }
        }
        if let version = values.version {
            if let slot = element.version {
                append(slot, tee: map.tee, values: [version], provenance: provenance)
            } else {
                skipped.append("\(location) (\(key)): version has no \(map.tee) claim")
            }
        }
    }

    mutating func addDigests(
        _ digests: [MeasurementValues.Digest], slot: CoRIMClaimMap.Slot, tee: TEEKind, location: String, provenance: String
    ) {
        let usable = digests.filter { digest in
            digest.algorithm == slot.algorithm && slot.length.map { $0 == digest.value.count } ?? true
        }
        for digest in digests where !usable.contains(digest) {
            skipped.append(
                "\(location): a \(digest.value.count)-byte digest with algorithm \(digest.algorithm) for \(slot.claim), which is "
                    + "algorithm \(slot.algorithm) (\(slot.length ?? 0) bytes)")
        }
        guard !usable.isEmpty else { return }
        append(slot, tee: tee, values: Set(usable.map { Hex.encode($0.value) }), provenance: provenance)
    }

    mutating func append(_ slot: CoRIMClaimMap.Slot, tee: TEEKind, values: Set<String>, provenance: String) {
        referenceValues.append(ReferenceValue(tee: tee, claim: slot.claim, values: values, provenance: provenance, component: slot.component))
    }
}
