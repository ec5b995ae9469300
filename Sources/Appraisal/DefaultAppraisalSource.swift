import Foundation

/// The shipped default appraisal policy, `Resources/default-appraisal.rego`.
enum DefaultAppraisalSource {
    /// The policy text; read once.
    static var text: String {
        get throws(AppraisalError) {
            guard let text = cached else {
                throw .invalidPolicyData(
                    reason: "the default appraisal policy (default-appraisal.rego) is missing from the Assay_Appraisal "
                        + "resource bundle next to the executable; reinstall Assay or pass --policy FILE")
            }
            return text
        }
    }

    private static let cached: String? = {
        guard let url = Bundle.module.url(forResource: "default-appraisal", withExtension: "rego"),
            let data = FileManager.default.contents(atPath: url.path)
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }()
}
