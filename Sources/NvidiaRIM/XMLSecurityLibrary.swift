import CXMLSec
import Synchronization

/// xmlsec (Debian's libxmlsec1 with its OpenSSL engine, on libxml2), initialised once per process. Every use of it
/// and of libxml2 goes through ``withDocument(_:_:)``, one caller at a time: xmlsec's global state (its transform
/// registry, OpenSSL's engine) is set up once and never touched concurrently.
final class XMLSecurityLibrary: Sendable {
    /// The process's one instance; initialising it initialises the libraries.
    static let shared = XMLSecurityLibrary()

    /// What initialisation reported (`cxmlsec_init_ok` when the library is ready).
    private let status: Int32
    /// Serialises every use of libxml2 and xmlsec.
    private let lock = Mutex(())

    private init() {
        status = cxmlsec_initialize()
    }

    /// Parses `bytes` (``XMLDocument/init(parsing:)``) and runs `body` on the document while holding the library.
    func withDocument<T>(_ bytes: [UInt8], _ body: (XMLDocument) throws(NvidiaRIMError) -> T) throws(NvidiaRIMError) -> T {
        guard status == Int32(cxmlsec_init_ok.rawValue) else {
            throw NvidiaRIMError.xmlSecurityUnavailable(Self.describe(status: status))
        }
        return try lock.withLock { _ throws(NvidiaRIMError) -> sending T in
            cxmlsec_silence_thread_errors()
            let document = try XMLDocument(parsing: bytes)
            return try body(document)
        }
    }

    /// Which initialisation step failed.
    static func describe(status: Int32) -> String {
        switch UInt32(bitPattern: status) {
        case cxmlsec_init_xmlsec.rawValue: return "xmlSecInit failed"
        case cxmlsec_init_version.rawValue: return "the loaded libxmlsec1 is not ABI-compatible with the headers"
        case cxmlsec_init_crypto_app.rawValue: return "the OpenSSL engine (xmlSecOpenSSLAppInit) failed"
        case cxmlsec_init_crypto.rawValue: return "the OpenSSL engine (xmlSecOpenSSLInit) failed"
        default: return "initialisation status \(status)"
        }
    }
}
