import DCAP

/// `cc-eventlog`: a TDX guest's ACPI CCEL table and its CC event log (the attachments `assay verify --tee tdx`
/// takes beside a quote) through ``CCELTable``, ``CCEventLog`` and the RTMR replay.
public enum CCEventLogFuzzTarget: FuzzTarget {
    public static let name = "cc-eventlog"

    public static func run(_ bytes: [UInt8]) {
        _ = try? CCELTable(parsing: bytes)
        guard let log = try? CCEventLog(parsing: bytes[...]) else { return }
        _ = try? RTMRReplay(log: log)
    }
}
