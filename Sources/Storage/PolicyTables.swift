/// Where one kind of versioned policy lives: the table of current versions, the history table and the key column.
/// Appraisal and resource policies share one shape and one implementation per backend.
struct PolicyTables: Sendable {
    /// Current versions (also the table name in integrity tags, for current and history rows alike).
    let current: String
    /// Every version ever stored.
    let history: String
    /// The key column (`id`, `prefix`).
    let key: String

    static let appraisal = PolicyTables(current: AppraisalPolicyTable.current, history: "policy_versions", key: "id")
    static let resource = PolicyTables(
        current: ResourcePolicyTable.current, history: "resource_policy_versions", key: "prefix")
}
