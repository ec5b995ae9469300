public import AttestationCore
public import Appraisal

/// One appraised part of a composite attestation: a companion device (`nvidia-gpu-0`) with its own verdict,
/// appraisal and EAR submodule.
public struct AttestationPart: Sendable {
    /// The submodule name: `<tee>-<device_type>-<n>` for a device of a list (`nvidia-gpu-0`, `nvidia-nvswitch-1`),
    /// numbered per type in list order; `<tee>-<device_type>-0` for a single device; the TEE name otherwise.
    public let name: String
    /// The part's verdict (its checks without the list prefix).
    public let verdict: Verdict
    /// The part's appraisal.
    public let appraisal: AppraisalResult

    public init(name: String, verdict: Verdict, appraisal: AppraisalResult) {
        self.name = name
        self.verdict = verdict
        self.appraisal = appraisal
    }

    /// A companion's verdict as named parts: one per entry of its `devices` claim (checks prefixed `devices[i].`,
    /// as evidence lists name them), else the verdict whole.
    public static func split(_ verdict: Verdict) -> [(name: String, verdict: Verdict)] {
        guard let devices = verdict.claims["devices"]?.arrayValue else {
            let name = verdict.claims["device_type"]?.stringValue.map { "\(verdict.tee)-\($0)-0" } ?? verdict.tee.rawValue
            return [(name, verdict)]
        }
        var counts: [String: Int] = [:]
        return devices.enumerated().map { position, device in
            let type = device["device_type"]?.stringValue ?? "device"
            let number = counts[type, default: 0]
            counts[type] = number + 1
            var claims = device.objectValue ?? [:]
            claims["tee"] = .string(verdict.tee.rawValue)
            return ("\(verdict.tee)-\(type)-\(number)", verdict.part(prefixed: "devices[\(position)].", claims: claims))
        }
    }
}
