public import AttestationCore

extension TCBEvaluation {
    /// `tcb_status`, `advisory_ids` and `tcb_date` of the matched level (as Intel's QvE reports them), the TDX
    /// module's identity and status, and the TCB info document used.
    public func claims(tcbInfo: TCBInfo) -> Claims {
        var claims: Claims = [
            "tcb_status": .string(status.rawValue),
            "advisory_ids": .array((level?.advisoryIDs ?? []).map(JSONValue.string)),
            "tcb_date": level.map { .string($0.tcbDateText) } ?? .null,
            "tcb_evaluation_data_number": .integer(tcbInfo.tcbEvaluationDataNumber),
            "tcb_info": .object([
                "id": .string(tcbInfo.id), "version": .integer(Int64(tcbInfo.version)),
                "issue_date": .string(RFC3339.format(tcbInfo.issueDate)),
                "next_update": .string(RFC3339.format(tcbInfo.nextUpdate)),
            ]),
        ]
        if let moduleIdentity, let id = moduleIdentity.id, moduleMismatch == nil {
            claims["tdx_module"] = .object([
                "id": .string(id),
                "tcb_status": moduleLevel.map { .string($0.status.rawValue) } ?? .string(TCBStatus.notSupported.rawValue),
                "advisory_ids": .array((moduleLevel?.advisoryIDs ?? []).map(JSONValue.string)),
            ])
        }
        return claims
    }
}
