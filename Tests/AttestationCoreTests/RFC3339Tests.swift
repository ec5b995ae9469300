import Foundation
import Testing
@testable import AttestationCore

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0), ("2024-12-11T22:14:21Z", 1_733_955_261), ("2000-02-29T12:00:00Z", 951_825_600),
        ("2024-12-11T23:14:21+01:00", 1_733_955_261), ("2024-12-11t22:14:21.5z", 1_733_955_261.5),
        ("1969-12-31T23:59:59Z", -1), ("2056-01-01T00:00:00Z", 2_713_910_400),
    ])
    func parses(_ text: String, _ seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2024-12-11", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-12-11T22:14:21",
                      "2024-12-11T22:14:21Zjunk", "2024-12-11T25:00:00Z", "2024-12-11T22:14:21.Z", "yesterday"])
    func rejects(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsAndRoundTripsAgainstFoundation() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator)))
            let text = RFC3339.format(date)
            #expect(text == formatter.string(from: date))
            #expect(RFC3339.parse(text) == date)
        }
    }
}
