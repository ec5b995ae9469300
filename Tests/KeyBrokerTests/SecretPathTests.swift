import KeyBroker
import Testing

@Suite struct SecretPathTests {
    @Test(arguments: ["a", "apps/db/disk-key", "A.b_c-1/x", String(repeating: "a/", count: 15) + "a"])
    func acceptsPlainPaths(_ text: String) throws {
        #expect(try SecretPath(text).text == text)
    }

    @Test(arguments: [
        "", "/a", "a/", "a//b", "a/./b", "a/../b", "..", "a b", "a%2fb", "ü", "a\u{0}b", "a\\b",
        String(repeating: "a", count: SecretPath.maxLength + 1), String(repeating: "a/", count: 16) + "a",
    ])
    func refusesAmbiguousOrHostilePaths(_ text: String) {
        #expect(throws: KeyBrokerError.self) { try SecretPath(text) }
    }

    @Test func prefixesAreWholeSegmentsLongestFirst() throws {
        #expect(try SecretPath("apps/db/key").prefixes == ["apps/db/key", "apps/db", "apps"])
        #expect(try SecretPath("solo").prefixes == ["solo"])
    }
}
