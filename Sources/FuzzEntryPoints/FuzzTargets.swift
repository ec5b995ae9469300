/// Every fuzz target. The FuzzTesting executables and the regression test both call these entry points.
public enum FuzzTargets {
    /// The targets.
    public static let all: [any FuzzTarget.Type] = [
        SNPReportFuzzTarget.self, DCAPQuoteFuzzTarget.self, CCEventLogFuzzTarget.self, IntelCollateralFuzzTarget.self,
        TPMStructuresFuzzTarget.self, TPMEvidenceFuzzTarget.self, X509FuzzTarget.self, RegoFuzzTarget.self,
        JSONFuzzTarget.self, AttestRequestFuzzTarget.self, ReleaseRequestFuzzTarget.self, TPMEnrollmentFuzzTarget.self,
        NitroDocumentFuzzTarget.self, AttestedCertificateFuzzTarget.self, HCLReportFuzzTarget.self, CoRIMFuzzTarget.self,
        SPDMReportFuzzTarget.self, NvidiaEvidenceListFuzzTarget.self, NvidiaRIMFuzzTarget.self,
    ]

    /// The target named `name`, if there is one.
    public static func target(named name: String) -> (any FuzzTarget.Type)? {
        all.first { $0.name == name }
    }

    /// libFuzzer's `LLVMFuzzerTestOneInput` for `target`: copies the input and runs the target; always 0 (libFuzzer
    /// reserves other values).
    public static func fuzz(_ target: any FuzzTarget.Type, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
