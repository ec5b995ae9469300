import AttestationCore
import DCAP

/// `dcap-quote`: an Intel DCAP quote (SGX v3, TDX v4/v5) through ``Quote``, its claims and the inspector (which
/// also reads the PCK certificate chain and its SGX extension from the certification data).
public enum DCAPQuoteFuzzTarget: FuzzTarget {
    public static let name = "dcap-quote"

    public static func run(_ bytes: [UInt8]) {
        guard let quote = try? Quote(parsing: bytes) else { return }
        FuzzInput.require(
            bytes.starts(with: quote.signedBytes), "Quote.signedBytes is not the start of the input")
        _ = JSONValue.object(quote.claims).compactBytes
        _ = try? DCAPInspector(tee: quote.tee).inspect(Evidence(tee: quote.tee, bytes: bytes)).text
    }
}
