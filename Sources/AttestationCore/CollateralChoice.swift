public import Foundation

/// Which of several documents for one collateral role (a TCB info for one FMSPC, the CRL of one issuer, …) applies
/// at an instant, as operators hold collateral: piles of documents of many dates.
///
/// The rule: of the documents in force at the instant, the newest; when none is in force, the one whose window is
/// nearest to the instant, so that a failure can name it (and `--partial-collateral` can skip the role as if it
/// were missing, saying which document was nearest).
public struct CollateralChoice<Document> {
    /// The chosen document.
    public let document: Document
    /// Whether it is in force at the instant.
    public let inForce: Bool
    /// How many documents there were for the role.
    public let candidates: Int

    /// Chooses among `documents`; nil when there are none. `window` gives a document's validity (`until` nil: open
    /// ended); `newer` orders documents in force (issue date, evaluation data number, …).
    public static func choose(
        _ documents: [Document], at instant: Date, window: (Document) -> (from: Date, until: Date?),
        newer: (Document, Document) -> Bool
    ) -> CollateralChoice? {
        func distance(_ document: Document) -> TimeInterval {
            let (from, until) = window(document)
            if instant < from { return from.timeIntervalSince(instant) }
            if let until, instant > until { return instant.timeIntervalSince(until) }
            return 0
        }
        let inForce = documents.filter { distance($0) == 0 }
        if let newest = inForce.max(by: { newer($1, $0) }) {
            return CollateralChoice(document: newest, inForce: true, candidates: documents.count)
        }
        guard let nearest = documents.min(by: { distance($0) < distance($1) }) else { return nil }
        return CollateralChoice(document: nearest, inForce: false, candidates: documents.count)
    }

    /// The document, or nil when it is not in force and `allowingStale` is false.
    public func document(allowingStale: Bool) -> Document? { inForce || allowingStale ? document : nil }
}

extension CollateralChoice: Sendable where Document: Sendable {}
