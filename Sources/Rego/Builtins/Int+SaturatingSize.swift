/// Size arithmetic that cannot trap: results computed from untrusted counts saturate at `Int.max`, which every
/// bound rejects.
extension Int {
    /// `self × other`, or `Int.max` when it overflows.
    func saturatingProduct(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    /// `self + other`, or `Int.max` when it overflows.
    func saturatingSum(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
