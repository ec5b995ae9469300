public import AttestationCore

extension SGXExtensions {
    /// `fmspc` and `pce_id` at the top level, and the PCK certificate's TCB under `pck`.
    public var claims: Claims {
        [
            "fmspc": .hex(fmspc),
            "pce_id": .hex(pceID),
            "pck": .object([
                "cpu_svn": .hex(cpuSVN),
                "pce_svn": .integer(Int64(pceSVN)),
                "sgx_tcb_components": .array(tcbComponents.map { .integer(Int64($0)) }),
                "sgx_type": .integer(Int64(sgxType)),
                "ppid": .hex(ppid),
            ]),
        ]
    }
}
