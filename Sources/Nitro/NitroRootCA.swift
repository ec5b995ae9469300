/// The AWS Nitro Enclaves Root-G1, pinned by the SHA-256 of its DER (the hash AWS documents is of the zip file that
/// carries it, not of the certificate). Every attestation document's CA bundle starts with it.
public enum NitroRootCA {
    /// SHA-256 of the root certificate's DER, hex.
    public static let sha256 = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b"
}
