/// The NVIDIA Device Identity CA, the root of every GPU and NVSwitch identity chain, pinned by the SHA-256 of its DER
/// (the same certificate nvtrust's verifier and attestation SDK ship). A device returns it as the last certificate
/// of its chain; that certificate is trusted only when its digest is this one, as NVIDIA's verifier replaces the
/// device-supplied root with its own copy.
public enum NvidiaDeviceIdentityCA {
    /// SHA-256 of the root certificate's DER, hex.
    public static let sha256 = "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48"
}
