import Foundation
import AssayTestSupport
import Testing

@Suite struct SharedVectorsTests {
    /// The shared vectors parse, and every file they name exists (fails in CI when they are missing).
    @Test(.sharedVectors) func expectedVectorsAreReadable() throws {
        let vectors = try SharedVectors.all()
        #expect(vectors.count > 50)
        for vector in vectors {
            for role in vector.json["files"]?.objectValue?.keys.sorted() ?? [] {
                let urls = vector.files(role)
                #expect(!urls.isEmpty, "\(vector.id): \(role)")
                for url in urls {
                    #expect(FileManager.default.fileExists(atPath: url.path), "\(vector.id): \(role) \(url.path)")
                }
            }
        }
    }
}
