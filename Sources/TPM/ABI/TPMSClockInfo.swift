public import AttestationCore

/// TPMS_CLOCK_INFO: the TPM's clock when it signed an attestation (TPM 2.0 Part 2, §10.11.1).
public struct TPMSClockInfo: Sendable, Hashable {
    /// clock: milliseconds the TPM has been powered since it was last cleared.
    public let clock: UInt64
    /// resetCount: TPM resets (boots) since the last clear.
    public let resetCount: UInt32
    /// restartCount: restarts (resumes from hibernation) since the last reset.
    public let restartCount: UInt32
    /// safe as received (TPMI_YES_NO: 0 or 1; any other value is recorded in ``reservedFields``, not rejected).
    public let safeValue: UInt8

    /// safe: whether clock has not been rolled back since it was last saved (only the value 1 says so).
    public var safe: Bool { safeValue == 1 }

    /// A safe value outside TPMI_YES_NO, as `clock_info.safe <value>`: the signature judges it.
    public var reservedFields: ReservedFields {
        var reserved = ReservedFields()
        if safeValue > 1 { reserved.note("clock_info.safe \(safeValue)") }
        return reserved
    }

    public init(clock: UInt64, resetCount: UInt32, restartCount: UInt32, safe: Bool) {
        self.clock = clock
        self.resetCount = resetCount
        self.restartCount = restartCount
        self.safeValue = safe ? 1 : 0
    }

    /// Reads clock (UINT64), resetCount (UINT32), restartCount (UINT32) and safe (TPMI_YES_NO).
    public init(parsing reader: inout ByteReader) throws {
        clock = try reader.readBigEndian(UInt64.self, field: "TPMS_CLOCK_INFO.clock")
        resetCount = try reader.readBigEndian(UInt32.self, field: "TPMS_CLOCK_INFO.resetCount")
        restartCount = try reader.readBigEndian(UInt32.self, field: "TPMS_CLOCK_INFO.restartCount")
        safeValue = try reader.readBigEndian(UInt8.self, field: "TPMS_CLOCK_INFO.safe")
    }

    /// Marshals the clock information.
    public func write(to writer: inout TPMWriter) {
        writer.write(clock)
        writer.write(resetCount)
        writer.write(restartCount)
        writer.write(safeValue)
    }
}
